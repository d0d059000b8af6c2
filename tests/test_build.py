"""`build`: determinism, incrementality, bad inputs, failing writers, interrupted appends."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphbuild import pipeline
from graphbuild import writers as writer_registry
from graphbuild.cli import app
from graphbuild.pipeline import build, parse_date
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
FAST = ["facts"]  # graph.json, extractions.jsonl and resolution.json are always written


DATABASES = ("store",)  # the SPARQL store is a database (RocksDB): its bytes are not its content


def tree(root: Path) -> dict[str, bytes]:
    """Every output file under root (relative path -> bytes), databases aside."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] not in DATABASES}


def core(root: Path) -> dict[str, bytes]:
    return {name: (root / name).read_bytes()
            for name in ("graph.json", "facts.jsonl", "extractions.jsonl", "resolution.json")}


@pytest.fixture(scope="module")
def fast_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fast") / "out"
    build(SEED_FILES, out, workers=1, writers=FAST)
    return out


def test_two_full_builds_are_byte_identical(seeds_build, tmp_path):
    again = build(SEED_FILES, tmp_path / "again", workers=1)
    assert tree(again.out_dir) == tree(seeds_build.out_dir)


def test_input_order_and_worker_count_do_not_change_the_output(fast_build, tmp_path):
    shuffled = build(SEED_FILES[::-1], tmp_path / "shuffled", workers=2, writers=FAST)
    assert core(shuffled.out_dir) == core(fast_build)
    as_folder = build([SEEDS], tmp_path / "folder", workers=1, writers=FAST)
    assert core(as_folder.out_dir) == core(fast_build)


@pytest.mark.parametrize("first", [slice(0, 2), slice(2, None)])
def test_appending_b_to_a_equals_building_a_and_b(fast_build, tmp_path, first):
    out = tmp_path / "out"
    rest = [f for f in SEED_FILES if f not in SEED_FILES[first]]
    build(SEED_FILES[first], out, workers=1, writers=FAST)
    build(rest, out, workers=1, writers=FAST, append=True)
    assert core(out) == core(fast_build)


def test_appending_pages_already_built_adds_nothing(fast_build, tmp_path):
    out = tmp_path / "out"
    build(SEED_FILES, out, workers=1, writers=FAST)
    build(SEED_FILES[1:3], out, workers=1, writers=FAST, append=True)
    assert core(out) == core(fast_build)


def test_without_append_the_directory_holds_only_the_new_pages(tmp_path):
    out = tmp_path / "out"
    build(SEED_FILES, out, workers=1, writers=FAST)
    result = build(SEED_FILES[:1], out, workers=1, writers=FAST)
    docs = {json.loads(line)["meta"]["doc"] for line in (out / "extractions.jsonl").open()}
    assert docs == {SEED_FILES[0].name} == {a.doc for a in result.graph.articles.values()}


def test_unreadable_inputs_are_reported_and_the_rest_is_built(fast_build, tmp_path, capsys):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    result = build([*SEED_FILES, bad], tmp_path / "out", workers=2, writers=FAST)
    assert sorted(Path(f.path).name for f in result.failures) == ["binary.txt", "empty.txt"]
    assert core(tmp_path / "out")["facts.jsonl"] == core(fast_build)["facts.jsonl"]
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(errors) == 2 and all("empty.txt" in e or "binary.txt" in e for e in errors)


_read_one_file = pipeline._process_file


def crashing_reader(path, city, date):
    """Kills its worker process on files named crash*.txt, as a segfault or the OOM killer would."""
    if Path(path).name.startswith("crash"):
        os._exit(3)
    return _read_one_file(path, city, date)


def test_a_page_that_kills_its_worker_fails_alone(fast_build, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_process_file", crashing_reader)
    crash = tmp_path / "in" / "crash.txt"
    crash.parent.mkdir()
    crash.write_text("市委书记李明华主持会议。", encoding="utf-8")
    result = build([*SEED_FILES, crash], tmp_path / "out", workers=2, writers=FAST)
    assert [(Path(f.path).name, f.cause) for f in result.failures] == [
        ("crash.txt", "the worker reading this file crashed")]
    assert core(tmp_path / "out")["facts.jsonl"] == core(fast_build)["facts.jsonl"]


@pytest.mark.parametrize("workers", [1, 2])  # 2: writers run in forked processes
def test_a_failing_writer_costs_only_its_own_output(tmp_path, monkeypatch, capsys, workers):
    def broken(graph, out_dir):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(writer_registry.WRITERS, "broken", broken)
    result = build(SEED_FILES[:1], tmp_path / "out", workers=workers, writers=["broken", "facts"])
    assert result.writer_errors == {"broken": "disk on fire"}
    assert (tmp_path / "out" / "facts.jsonl").exists() and (tmp_path / "out" / "graph.json").exists()
    assert "writer broken failed: RuntimeError: disk on fire" in capsys.readouterr().err


def test_a_writer_whose_process_dies_costs_only_its_own_output(tmp_path, monkeypatch):
    def killed(graph, out_dir):
        os._exit(9)

    monkeypatch.setitem(writer_registry.WRITERS, "killed", killed)
    result = build(SEED_FILES[:1], tmp_path / "out", workers=2, writers=["killed", "facts", "gephi"])
    assert list(result.writer_errors) == ["killed"]
    assert {"facts.jsonl", "graph.graphml", "graph.json"} <= {p.name for p in (tmp_path / "out").iterdir()}


def test_parallel_writers_write_the_same_files_as_serial_ones(tmp_path):
    serial = build(SEED_FILES, tmp_path / "serial", workers=1)
    parallel = build(SEED_FILES, tmp_path / "parallel", workers=2)
    assert [p.relative_to(tmp_path / "serial") for p in serial.written] == \
        [p.relative_to(tmp_path / "parallel") for p in parallel.written]
    assert core(tmp_path / "serial") == core(tmp_path / "parallel")


def test_an_interrupted_append_leaves_the_previous_build_usable(fast_build, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(SEED_FILES, out, workers=1, writers=FAST)
    before = tree(out)

    def interrupted(graph, out_dir):
        raise KeyboardInterrupt

    monkeypatch.setitem(writer_registry.WRITERS, "facts", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(SEED_FILES[:1], out, workers=1, writers=FAST, append=True)
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging directory left behind


def test_cli_exits_1_with_one_line_per_bad_input_and_no_traceback(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["build", str(SEED_FILES[0]), str(tmp_path / "empty.txt"),
                                      "--out", str(tmp_path / "out"), "--only", "facts", "-j", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "facts.jsonl").exists()


def test_cli_rejects_an_unknown_writer_in_one_line(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEED_FILES[0]), "--out", str(tmp_path / "out"),
                                      "--only", "facts,nonsense"])
    assert result.exit_code == 2 and "nonsense" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("text", "iso"), [("2019-08-29", "2019-08-29"), ("2019", "2019"),
                                           ("--08-29", "--08-29"), ("2019-8", "2019-08")])
def test_date_option_accepts_partial_dates(text, iso):
    assert parse_date(text).iso() == iso


def test_date_option_rejects_nonsense():
    with pytest.raises(ValueError, match="2019-13-01"):
        parse_date("2019-13-01")


def test_append_refuses_a_directory_it_cannot_extend(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("{}", encoding="utf-8")
    runner = CliRunner()
    args = ["build", str(SEED_FILES[0]), "--out", str(out), "--append", "--only", "facts", "-j", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "extractions.jsonl" in result.output
    (out / "extractions.jsonl").write_text("not json\n", encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert (out / "graph.json").read_text(encoding="utf-8") == "{}"  # left as it was


def test_a_page_unreadable_on_append_keeps_what_it_gave_before(tmp_path):
    page = tmp_path / "in" / SEED_FILES[2].name
    page.parent.mkdir()
    page.write_bytes(SEED_FILES[2].read_bytes())
    out = tmp_path / "out"
    build([page], out, workers=1, writers=FAST)
    before = core(out)
    page.write_bytes(bytes(range(256)) * 40)  # the file went bad since
    result = build([page], out, workers=1, writers=FAST, append=True)
    assert len(result.failures) == 1 and core(out) == before


def test_ctrl_c_while_moving_the_output_in_gives_the_whole_new_build(fast_build, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(SEED_FILES[:2], out, workers=1, writers=FAST)
    real_replace = os.replace

    def replace_then_ctrl_c(src, dst, **kwargs):
        real_replace(src, dst, **kwargs)
        if Path(dst).parent == out:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        build(SEED_FILES[2:], out, workers=1, writers=FAST, append=True)
    monkeypatch.undo()
    assert core(out) == core(fast_build)


def hanging_reader(path, city, date):
    """Hangs on files named hang*.txt: in Python code, or (nosignal*) where no alarm reaches it."""
    name = Path(path).name
    if name.startswith("hang"):
        time.sleep(600)
    if name.startswith("nosignal"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(600)
    return _read_one_file(path, city, date)


@pytest.mark.parametrize(("workers", "name"), [(1, "hang.txt"), (2, "hang.txt"), (2, "nosignal.txt")])
def test_a_page_that_hangs_fails_alone_after_the_page_timeout(fast_build, tmp_path, monkeypatch,
                                                              workers, name):
    monkeypatch.setattr(pipeline, "_process_file", hanging_reader)
    stuck = tmp_path / "in" / name
    stuck.parent.mkdir()
    stuck.write_text("市委书记李明华主持会议。", encoding="utf-8")
    started = time.monotonic()
    result = build([*SEED_FILES, stuck], tmp_path / "out", workers=workers, writers=FAST, page_timeout=0.5)
    assert time.monotonic() - started < 60
    assert [(Path(f.path).name, f.cause.split(";")[0]) for f in result.failures] == [
        (name, "took longer than 0.5 s to read and extract")]
    assert core(tmp_path / "out")["facts.jsonl"] == core(fast_build)["facts.jsonl"]


def test_cli_takes_a_page_timeout(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEED_FILES[0]), "--out", str(tmp_path / "out"),
                                      "--only", "facts", "-j", "1", "--page-timeout", "30"])
    assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(app, ["build", str(SEED_FILES[0]), "--out", str(tmp_path / "out"),
                                   "--page-timeout", "-1"])
    assert bad.exit_code == 2


def test_a_writer_killed_mid_file_leaves_no_partial_file_in_dir(tmp_path, monkeypatch):
    def killed_mid_file(graph, out_dir):
        (out_dir / ".half.csv.tmp").write_text("half a fi", encoding="utf-8")
        os._exit(9)

    monkeypatch.setitem(writer_registry.WRITERS, "killed", killed_mid_file)
    result = build(SEED_FILES[:1], tmp_path / "out", workers=2, writers=["killed", "facts"])
    assert list(result.writer_errors) == ["killed"]
    assert not list((tmp_path / "out").rglob("*.tmp"))
    assert (tmp_path / "out" / "facts.jsonl").exists()
