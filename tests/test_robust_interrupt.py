"""An interrupted `build --append` leaves the previous build usable (issue 8).

A build of three seed pages is the "previous output"; appending the other two is then interrupted
while the writers run, once by Ctrl-C (KeyboardInterrupt) and once by a hard kill of the process.
Every file of the previous build must be byte-identical afterwards and graph.json must load; the
append, run again, must then give the same graph as building all five pages at once. A Ctrl-C while
the new output is moved in must leave the old build or the new one; a killed run's staging copy must
not stay beside DIR; outputs keep the permissions the user's umask gives.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graphbuild import graphio
from tests.conftest import REPO
from tests.test_robust_support import SEED_FILES, call_stage, stage

FIRST, LATER = SEED_FILES[:3], SEED_FILES[3:]


def build(paths: list[Path], out: Path, append: bool = False):
    return call_stage(stage("graphbuild.pipeline", "build"), paths, out, workers=1, append=append)


def snapshot(out: Path) -> dict[str, bytes]:
    """Every visible file of a build directory (staging files a run may leave are hidden)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


def reproducible(files: dict[str, bytes]) -> dict[str, bytes]:
    """All but the SPARQL store's database files, whose names and bytes differ from run to run."""
    return {k: v for k, v in files.items() if not k.startswith("store/")}


@pytest.fixture()
def previous(tmp_path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "graph"
    build(FIRST, out)
    files = snapshot(out)
    assert "graph.json" in files
    return out, files


def second_writer() -> str:
    from graphbuild.writers import WRITERS

    return list(WRITERS)[1]  # facts are written first: the interrupt lands after some output exists


def assert_previous_intact(out: Path, files: dict[str, bytes]) -> None:
    assert snapshot(out) == files
    graph = graphio.load_graph(out)
    assert graph.articles and {a.doc for a in graph.articles.values()} <= {p.stem for p in FIRST} | {
        p.name for p in FIRST}


def test_ctrl_c_while_writing_an_append_keeps_the_previous_build(previous, monkeypatch):
    from graphbuild.writers import WRITERS

    out, files = previous

    def interrupted(graph, out_dir):
        raise KeyboardInterrupt

    monkeypatch.setitem(WRITERS, second_writer(), interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(LATER, out, append=True)
    assert_previous_intact(out, files)


def test_ctrl_c_while_the_new_output_is_moved_in_leaves_old_or_new_never_a_mix(previous, tmp_path,
                                                                              monkeypatch):
    """A real SIGINT arriving after the first output file has been moved into DIR."""
    out, files = previous
    complete = tmp_path / "complete"
    build(FIRST, complete)
    build(LATER, complete, append=True)
    moved: list[str] = []

    def then_interrupt(move):
        def wrapper(src, dst, **kwargs):
            move(src, dst, **kwargs)
            if Path(dst) == out or Path(dst).parent == out:
                moved.append(str(dst))
                if len(moved) == 1:
                    os.kill(os.getpid(), signal.SIGINT)
        return wrapper

    monkeypatch.setattr(os, "replace", then_interrupt(os.replace))
    monkeypatch.setattr(os, "rename", then_interrupt(os.rename))
    with pytest.raises(KeyboardInterrupt):
        build(LATER, out, append=True)
    monkeypatch.undo()
    assert moved, "the build never moved its output into DIR"
    after, new = snapshot(out), snapshot(complete)
    if after != files:  # then it must be the whole new build
        assert reproducible(after) == reproducible(new)
        assert any(k.startswith("store/") for k in after) == any(k.startswith("store/") for k in new)


def test_outputs_keep_the_permissions_the_users_umask_gives(previous):
    """Staging through temp files must not leave 0600 files a web server or Neo4j cannot read."""
    out, _ = previous
    umask = os.umask(0)
    os.umask(umask)
    for path in [out, *out.rglob("*")]:
        if any(part.startswith(".") for part in path.relative_to(out.parent).parts):
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        expected = (0o777 if path.is_dir() or mode & stat.S_IXUSR else 0o666) & ~umask  # scripts stay +x
        assert mode == expected, f"{path.relative_to(out.parent)}: {mode:o}, not {expected:o}"


KILL_MIDWAY = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from graphbuild.pipeline import build
    from graphbuild.writers import WRITERS

    def killed(graph, out_dir):
        os.kill(os.getpid(), signal.SIGKILL)

    WRITERS[sys.argv[1]] = killed
    build([Path(p) for p in sys.argv[3:]], Path(sys.argv[2]), workers=1, append=True)
""")


def test_killed_append_keeps_the_previous_build_and_can_be_rerun(previous, tmp_path):
    out, files = previous
    cmd = [sys.executable, "-c", KILL_MIDWAY, second_writer(), str(out), *map(str, LATER)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)
    assert proc.returncode == -9, proc.stderr[-2000:]  # it really died inside the writer
    assert_previous_intact(out, files)

    build(LATER, out, append=True)
    at_once = tmp_path / "at_once"
    build(FIRST + LATER, at_once)
    assert (out / "graph.json").read_bytes() == (at_once / "graph.json").read_bytes()


def test_the_next_build_clears_what_a_killed_one_left_beside_the_output(previous):
    """kill -9 leaves no chance to clean up: the staging copy (SPARQL store included) must not pile
    up beside DIR, one per killed run, for ever."""
    out, _ = previous
    cmd = [sys.executable, "-c", KILL_MIDWAY, second_writer(), str(out), *map(str, LATER)]
    subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=600)
    build(LATER, out, append=True)
    leftovers = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))
    assert leftovers == []


def _processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_mid_build_stops_every_worker_and_leaves_nothing_behind(tmp_path, sig):
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(60):  # a build of a few seconds with two workers
        for seed in SEED_FILES:
            (pages / f"{i:02d}_{seed.name}").write_bytes(seed.read_bytes())
    out = tmp_path / f"out_{sig.name}"
    cmd = [sys.executable, "-m", "graphbuild.cli", "-q", "build", str(pages), "--out", str(out), "-j", "2"]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while len(_processes_mentioning(str(out))) < 3 and time.monotonic() < deadline:  # the workers run
        time.sleep(0.05)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # Ctrl-C in a terminal reaches the whole process group
    else:
        proc.send_signal(sig)  # kill, a scheduler's timeout: the parent alone
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig, stderr
    assert "Traceback" not in stderr
    time.sleep(0.2)
    assert _processes_mentioning(str(out)) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages"]  # no output, no staging copy


def _children() -> list[int]:
    me = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "stat").read_text().rsplit(")", 1)[1].split()[1] == me:
                found.append(int(entry.name))
        except (OSError, IndexError):
            continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_ctrl_c_while_tasks_move_to_a_fresh_pool_leaves_no_worker(tmp_path, monkeypatch):
    """A worker dies, the other tasks go to a fresh pool, and Ctrl-C lands right then: the fresh
    pool's workers must be stopped too, not left waiting for work for ever."""
    from graphbuild import ingest, pipeline, processes

    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(40):
        (pages / f"p{i:03d}.txt").write_bytes(SEED_FILES[i % len(SEED_FILES)].read_bytes())
    read_page = ingest.read_page

    def dying_read_page(path, *args, **kwargs):
        if Path(path).name == "p002.txt":
            os._exit(137)  # as the OOM killer would: the pool breaks
        return read_page(path, *args, **kwargs)

    real_pool, made = processes.pool, []

    def pool(workers, *args, **kwargs):
        executor = real_pool(workers, *args, **kwargs)
        made.append(executor)
        if workers > 1 and len([e for e in made if e._max_workers > 1]) == 2:  # the fresh pool
            submit, calls = executor.submit, []

            def interrupted_submit(*a, **k):
                calls.append(1)
                if len(calls) == 2:
                    raise KeyboardInterrupt
                return submit(*a, **k)
            executor.submit = interrupted_submit
        return executor

    monkeypatch.setattr(ingest, "read_page", dying_read_page)
    monkeypatch.setattr(processes, "pool", pool)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build([pages], tmp_path / "out", workers=2, writers=["facts"])
    deadline = time.monotonic() + 10
    while _children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _children() == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages"]


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_a_signal_held_while_a_pool_starts_is_delivered_after_and_nothing_else_changes():
    from graphbuild import processes

    calls: list[int] = []
    def handler(signum, frame):
        calls.append(signum)

    old_term, old_int = signal.signal(signal.SIGTERM, handler), signal.signal(signal.SIGINT, signal.SIG_IGN)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])  # a caller's own mask
    try:
        with processes.signals_held():
            os.kill(os.getpid(), signal.SIGINT)  # ignored by the caller: stays ignored
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            assert calls == []
        assert calls == [signal.SIGTERM]
        assert signal.getsignal(signal.SIGTERM) is handler
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == mask | {signal.SIGUSR1}
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGINT, old_int)
