"""Malformed input never breaks a run (issue 8).

The tests build their own corpus of bad and odd files (empty, binary, GBK, GB18030, UTF-16 with
BOM, UTF-8 with BOM, a 10 MB single line, truncated UTF-8, only punctuation, repeated headlines)
and check what a user relies on: each unreadable file gets exactly one clear line on stderr naming
it, everything readable is read as the same text, and the exit status says that some inputs failed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from graphbuild.model import InputError
from tests.test_robust_support import (
    SEED_FILES,
    BadFile,
    article_errors,
    call_stage,
    doc_matches,
    extraction_errors,
    graphbuild,
    malformed_corpus,
    mapped_text_errors,
    read_jsonl,
    require_command,
    stage,
)


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("malformed")


@pytest.fixture(scope="module")
def corpus(bad_dir) -> dict[str, BadFile]:
    return malformed_corpus(bad_dir)


@pytest.fixture(scope="module")
def small_bad_dir(tmp_path_factory) -> Path:
    """The same corpus with a 0.5 MB single-line page: extract/build do much more per character
    (the 10 MB page builds too, in about 20 s: too long for every test run)."""
    folder = tmp_path_factory.mktemp("malformed_small")
    malformed_corpus(folder, huge_mb=0.5)
    return folder


def read_page(path: Path):
    return call_stage(stage("graphbuild.ingest", "read_page"), path)


def segment(page):
    return call_stage(stage("graphbuild.ingest", "segment"), page)


def unreadable(corpus: dict[str, BadFile]) -> list[str]:
    return [name for name, bad in corpus.items() if bad.readable is False]


def readable(corpus: dict[str, BadFile]) -> list[str]:
    return [name for name, bad in corpus.items() if bad.readable]


# ---------------------------------------------------------------------------------------------
# Ingestion, in process
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["gbk_page.txt", "gb18030_page.txt", "utf16_page.txt", "utf8bom_page.txt"])
def test_every_supported_encoding_decodes_to_the_original_text(bad_dir, corpus, name):
    page = read_page(bad_dir / name)
    assert page.raw.removeprefix("\ufeff") == corpus[name].expected_raw


def test_utf8_cut_inside_a_character_keeps_everything_before_the_cut(bad_dir):
    page = read_page(bad_dir / "truncated_utf8.txt")
    original = SEED_FILES[0].read_text(encoding="utf-8").rstrip()
    assert page.raw.startswith(original)  # read as UTF-8, not as mojibake in another encoding
    assert len(page.raw) <= len(original) + 1  # at most one replacement character for the cut


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_one_corrupt_byte_costs_a_character_not_the_page(tmp_path, encoding):
    """Transfer or disk damage: the rest of the page is read in its encoding, not refused or
    read as mojibake in another one."""
    original = SEED_FILES[1].read_text(encoding="utf-8")
    data = bytearray(original.encode(encoding))
    data[len(data) // 2] = 0xFF  # a byte neither UTF-8 nor GBK/GB18030 ever uses there
    path = tmp_path / f"damaged_{encoding}.txt"
    path.write_bytes(bytes(data))
    raw = read_page(path).raw
    keep = len(original) * 2 // 5
    assert raw.startswith(original[:keep]) and raw.endswith(original[-keep:])


@pytest.mark.parametrize("name", ["gbk_page.txt", "utf16_page.txt", "utf8bom_page.txt"])
def test_encoded_pages_give_the_same_articles_as_their_utf8_original(bad_dir, corpus, name):
    def summary(path: Path) -> list[tuple]:
        return [(a.kind, [(r, t.text) for r, t in a.titles], a.body.text,
                 [(c.name, c.role) for c in a.credits]) for a in segment(read_page(path))]

    assert summary(bad_dir / name) == summary(corpus[name].source)


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt", "bom_only.txt", "binary.txt"])
def test_unreadable_file_raises_one_line_input_error_naming_it(bad_dir, name):
    read_page_func = stage("graphbuild.ingest", "read_page")
    with pytest.raises(InputError) as err:
        call_stage(read_page_func, bad_dir / name)
    message = str(err.value)
    assert name in message
    assert "\n" not in message


@pytest.mark.parametrize("name", ["punctuation.txt", "fullwidth_spaces.txt", "headlines.txt",
                                  "gb18030_page.txt", "utf16_page.txt", "truncated_utf8.txt"])
def test_odd_pages_are_read_and_extracted_with_spans_that_map_back(bad_dir, name):
    try:
        page = read_page(bad_dir / name)
    except InputError as err:  # a page with no text may be refused, but only in one line naming it
        assert name in str(err) and "\n" not in str(err)
        return
    assert mapped_text_errors(page.raw, page.text, "page") == []
    articles = segment(page)
    for article in articles:
        assert article_errors(page.raw, article) == []
    for extraction in call_stage(stage("graphbuild.extract", "extract_page"), page, articles):
        assert extraction_errors(page.raw, extraction) == []


def test_repeated_headlines_do_not_swallow_the_article(bad_dir):
    articles = segment(read_page(bad_dir / "headlines.txt"))
    bodies = [a for a in articles if "工业经济运行调度会议" in a.body.text]
    assert len(bodies) == 1
    assert "汪琳" in [c.name for c in bodies[0].credits]


def test_ten_megabyte_single_line_page_is_read_whole(bad_dir, corpus):
    page = read_page(bad_dir / "huge_line.txt")
    assert len(page.raw.encode("utf-8")) >= 10 * 2**20
    articles = segment(page)
    assert sum(len(a.body) for a in articles) >= len(page.raw) * 0.9  # the text is kept, not dropped
    for article in articles:  # spot-check the map at both ends of every article
        head, tail = article.body.slice(0, 2000), article.body.slice(max(len(article.body) - 2000, 0),
                                                                      len(article.body))
        assert mapped_text_errors(page.raw, head, "head") + mapped_text_errors(page.raw, tail, "tail") == []


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"])
def test_windows_and_old_mac_line_endings_give_the_same_articles_and_facts(tmp_path, newline):
    extract_page = stage("graphbuild.extract", "extract_page")

    def summary(text: str) -> tuple[list, list]:
        path = tmp_path / "page.txt"
        path.write_text(text, encoding="utf-8", newline="")
        page = read_page(path)
        articles = segment(page)
        facts = [(f.s, f.p, f.o) for x in call_stage(extract_page, page, articles) for f in x.facts]
        return [(a.headline, a.body.text) for a in articles], facts

    original = SEED_FILES[2].read_text(encoding="utf-8")
    assert summary(original.replace("\n", newline)) == summary(original)


# ---------------------------------------------------------------------------------------------
# The CLI, as a user runs it
# ---------------------------------------------------------------------------------------------


def assert_clear_failures(run, corpus: dict[str, BadFile]) -> None:
    """Exit status 1, no traceback, exactly one stderr line per unreadable file."""
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.code == 1, (run.code, run.stderr[-3000:])
    for name in unreadable(corpus):
        assert len(run.error_lines(name)) == 1, (name, run.stderr[-3000:])
    for name in readable(corpus):
        assert run.error_lines(name) == [], (name, run.stderr[-3000:])


def records_by_file(rows: list[dict], names: list[str]) -> dict[str, list[dict]]:
    return {name: [r for r in rows if doc_matches(r.get("doc", ""), name)] for name in names}


def test_articles_command_reports_bad_files_and_reads_the_rest(bad_dir, corpus, tmp_path):
    require_command("articles")
    out = tmp_path / "articles.jsonl"
    run = graphbuild("articles", bad_dir, "--out", out)
    assert_clear_failures(run, corpus)
    by_file = records_by_file(read_jsonl(out), list(corpus))
    for name in readable(corpus):
        assert by_file[name], f"no article read from {name}"
    assert len(by_file["gbk_page.txt"]) == len(segment(read_page(corpus["gbk_page.txt"].source)))


def test_articles_command_exits_zero_when_every_input_reads(tmp_path):
    require_command("articles")
    run = graphbuild("articles", *SEED_FILES, "--out", tmp_path / "a.jsonl")
    assert run.code == 0, run.stderr[-2000:]


@pytest.mark.parametrize("command", ["articles", "extract"])
def test_out_naming_a_folder_is_a_one_line_error_not_a_traceback(tmp_path, command):
    require_command(command)
    run = graphbuild(command, SEED_FILES[0], "--out", tmp_path)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.code != 0
    assert len(run.error_lines(str(tmp_path))) == 1, run.stderr[-2000:]


def test_extract_command_reports_bad_files_and_extracts_the_rest(small_bad_dir, corpus, tmp_path):
    require_command("extract")
    out = tmp_path / "facts.jsonl"
    run = graphbuild("extract", small_bad_dir, *SEED_FILES, "--out", out)
    assert_clear_failures(run, corpus)
    rows = read_jsonl(out)
    for name in ("gbk_page.txt", "utf16_page.txt", "utf8bom_page.txt"):
        source = corpus[name].source.name
        assert as_if_from(rows, name, source) == as_if_from(rows, source, source), name
    assert records_by_file(rows, ["gb18030_page.txt"])["gb18030_page.txt"]


def as_if_from(rows: list[dict], name: str, doc: str) -> list[str]:
    """The rows of file `name`, written as if they came from page `doc` (same facts, same spans)."""
    own = records_by_file(rows, [name])[name]
    assert own, f"nothing extracted from {name}"
    stem = Path(own[0]["doc"]).stem
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True).replace(stem, Path(doc).stem)
                  for r in own)


def row_key(row: dict) -> str:
    """A facts.jsonl row (a fact with its evidence in one page, or a person the page names)."""
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def test_build_over_bad_files_and_seeds_gives_the_seeds_their_usual_facts(small_bad_dir, corpus,
                                                                         tmp_path):
    require_command("build")
    alone, mixed = tmp_path / "alone", tmp_path / "mixed"
    seeds_alone = graphbuild("build", *SEED_FILES, "--out", alone)
    assert seeds_alone.code == 0, seeds_alone.stderr[-3000:]
    run = graphbuild("build", small_bad_dir, *SEED_FILES, "--out", mixed)
    assert_clear_failures(run, corpus)
    seed_docs = {p.name for p in SEED_FILES}

    def seed_facts(path: Path) -> set[str]:
        return {row_key(r) for r in read_jsonl(path)
                if any(doc_matches(r["doc"], name) for name in seed_docs)}

    expected = seed_facts(alone / "facts.jsonl")
    assert expected, "the seeds alone gave no facts"
    assert seed_facts(mixed / "facts.jsonl") == expected


def test_a_fifo_and_a_broken_link_in_a_folder_are_one_line_errors_not_a_hang(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_bytes(SEED_FILES[0].read_bytes())
    os.mkfifo(folder / "pipe.txt")  # reading it would block for ever
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    run = graphbuild("build", folder, "--out", tmp_path / "out", "--only", "facts", "-j", "1", timeout=120)
    assert run.code == 1
    errors = sorted(line for line in run.stderr.splitlines() if line.startswith("graphbuild: error: /"))
    assert errors == [f"graphbuild: error: {folder / 'gone.txt'}: broken symbolic link",
                      f"graphbuild: error: {folder / 'pipe.txt'}: not a regular file (a FIFO)"]
    assert read_jsonl(tmp_path / "out" / "facts.jsonl")


def test_a_folder_given_where_a_page_is_expected_is_named_as_such(tmp_path):
    with pytest.raises(InputError) as caught:
        read_page(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a folder"
