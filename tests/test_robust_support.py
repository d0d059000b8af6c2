"""Helpers for the robustness tests (issue 8): the malformed corpus, the CLI runner, span checks.

No tests live here; the test_robust_* modules import it.
"""

from __future__ import annotations

import functools
import importlib
import json
import random
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
REPEATED_SENTENCE = "四平市委书记王相民主持召开市委常委会议，研究部署全市重点工作。"
RARE_CHARS = "附：生僻字𠮷㐀䶮。"  # outside GBK: only GB18030 (4-byte) can hold them

# ---------------------------------------------------------------------------------------------
# The malformed corpus
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BadFile:
    name: str
    readable: bool | None  # True: must be read; False: must fail with one line; None: either
    source: Path | None = None  # seed page whose text it holds
    expected_raw: str | None = None  # the text read_page must decode, when known


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _truncated_utf8(text: str) -> bytes:
    """The page's UTF-8 with the final character's last byte cut off."""
    body = text.rstrip() + "完"
    return body.encode("utf-8")[:-1]


def _repeated_headlines(n: int = 400) -> str:
    headline = "工业稳增长 经济有活力\n——铁东区2023年上半年工业经济发展综述\n\n"
    body = ("本报讯（记者 汪琳）近日，铁东区召开工业经济运行调度会议，"
            "区长张凤林出席会议并讲话。\n\n")
    return headline * n + body + "工业稳增长 经济有活力\n" * n


def malformed_corpus(folder: Path, *, huge_mb: float = 10.0) -> dict[str, BadFile]:
    """Write the malformed test corpus into `folder`; returns what each file is."""
    folder.mkdir(parents=True, exist_ok=True)
    s0, s1, s2, s3, s4 = (seed_text(p) for p in SEED_FILES[:5])
    noise = random.Random(8).randbytes(4096)
    huge = REPEATED_SENTENCE * int(huge_mb * 2**20 / len(REPEATED_SENTENCE.encode("utf-8")) + 1)
    files = {
        "empty.txt": (b"", BadFile("empty.txt", False)),
        "blank.txt": (b" \n\r\n\t \n", BadFile("blank.txt", False)),
        "bom_only.txt": (b"\xef\xbb\xbf", BadFile("bom_only.txt", False)),
        "binary.txt": (noise[:100] + b"\x00\x00" + noise[100:],
                       BadFile("binary.txt", False)),
        "gbk_page.txt": (s1.encode("gbk"), BadFile("gbk_page.txt", True, SEED_FILES[1], s1)),
        "gb18030_page.txt": ((s2 + RARE_CHARS).encode("gb18030"),
                             BadFile("gb18030_page.txt", True, SEED_FILES[2], s2 + RARE_CHARS)),
        "utf16_page.txt": (s3.encode("utf-16"), BadFile("utf16_page.txt", True, SEED_FILES[3], s3)),
        "utf8bom_page.txt": (s4.encode("utf-8-sig"),
                             BadFile("utf8bom_page.txt", True, SEED_FILES[4], s4)),
        "truncated_utf8.txt": (_truncated_utf8(s0), BadFile("truncated_utf8.txt", True, SEED_FILES[0])),
        "punctuation.txt": ("，。、；：？！……——“”‘’《》（）【】·\n\n".encode() * 50,
                            BadFile("punctuation.txt", None)),
        "fullwidth_spaces.txt": ("\u3000\u3000\n\u3000\n".encode(), BadFile("fullwidth_spaces.txt", None)),
        "headlines.txt": (_repeated_headlines().encode(), BadFile("headlines.txt", True)),
        "huge_line.txt": (huge.encode(), BadFile("huge_line.txt", True)),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: bad for name, (_, bad) in files.items()}


# ---------------------------------------------------------------------------------------------
# Stages that may still be stubs: skip, naming what is missing, rather than fail
# ---------------------------------------------------------------------------------------------


def stage(module: str, name: str):
    """The stage function, or skip the test while its area has not written it."""
    try:
        func = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        pytest.skip(f"{module}.{name} is not written yet")
    return func


def call_stage(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except NotImplementedError:
        pytest.skip(f"{func.__module__}.{func.__name__} is still a stub")


# ---------------------------------------------------------------------------------------------
# The CLI, as a user runs it
# ---------------------------------------------------------------------------------------------


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def error_lines(self, name: str) -> list[str]:
        return [line for line in self.stderr.splitlines() if name in line]


def graphbuild(*args: str | Path, timeout: float = 600) -> Run:
    """`graphbuild ARGS` in a subprocess (timeout only guards against a hang)."""
    cmd = [sys.executable, "-m", "graphbuild.cli", "--quiet", *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@functools.cache
def _command_written(name: str) -> bool:
    run = graphbuild(name, "--help", timeout=120)
    return run.code == 0 and "Not implemented yet" not in run.stdout


def require_command(name: str) -> None:
    """Skip while `graphbuild NAME` is the skeleton's stub."""
    if not _command_written(name):
        pytest.skip(f"`graphbuild {name}` is not written yet")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def doc_matches(doc: str, file_name: str) -> bool:
    """A page's doc is its file's base name (with or without the extension)."""
    return doc in (file_name, Path(file_name).stem)


# ---------------------------------------------------------------------------------------------
# Spans: every offset a stage reports must point at the same text in the decoded file
# ---------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Letters and digits only, NFKC and case folded: what normalisation must never change."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def span_errors(raw: str, start: int, end: int, what: str) -> list[str]:
    if not 0 <= start <= end <= len(raw):
        return [f"{what}: span ({start}, {end}) outside the file (length {len(raw)})"]
    return []


def mapped_text_errors(raw: str, mapped, what: str) -> list[str]:
    """Each letter or digit of a MappedText must come from the raw character its offset names."""
    errors = []
    for i, (ch, off) in enumerate(zip(mapped.text, mapped.offsets, strict=True)):
        if not 0 <= off < len(raw):
            errors.append(f"{what}[{i}] {ch!r}: offset {off} outside the file (length {len(raw)})")
        elif fold(ch) and fold(ch) not in fold(raw[off]):
            errors.append(f"{what}[{i}] {ch!r}: offset {off} holds {raw[off]!r}")
        if len(errors) > 5:
            break
    return errors


def article_errors(raw: str, article) -> list[str]:
    errors = span_errors(raw, *article.span, f"{article.id} span")
    errors += mapped_text_errors(raw, article.body, f"{article.id} body")
    for role, title in article.titles:
        errors += mapped_text_errors(raw, title, f"{article.id} title {role}")
    for credit in article.credits:
        errors += credit_errors(raw, credit, article.id)
    return errors


def credit_errors(raw: str, credit, where: str) -> list[str]:
    start, end = credit.span
    errors = span_errors(raw, start, end, f"{where} credit {credit.name}")
    if not errors and end > start and fold(raw[start:end]) != fold(credit.name):
        errors.append(f"{where} credit {credit.name!r}: span holds {raw[start:end]!r}")
    return errors


def is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(ch in chars for ch in short)


def within_sentence(raw_letters: str, sentence_letters: str) -> bool:
    """The raw span covers a stretch of its sentence: a piece of the sentence that starts and ends
    where the span does, read in order (text normalisation deleted, such as furniture, may sit
    between its letters)."""
    if not raw_letters:
        return True
    starts = [i for i, ch in enumerate(sentence_letters) if ch == raw_letters[0]]
    ends = [j for j, ch in enumerate(sentence_letters) if ch == raw_letters[-1]]
    return any(is_subsequence(sentence_letters[i:j + 1], raw_letters)
               for i in starts for j in ends if j >= i)


def extraction_errors(raw: str, extraction) -> list[str]:
    errors = []
    for fact in extraction.facts:
        ev = fact.evidence
        errors += span_errors(raw, ev.start, ev.end, f"fact {fact.s}-{fact.p}-{fact.o} evidence")
        if not errors and not within_sentence(fold(raw[ev.start:ev.end]), fold(ev.text)):
            errors.append(f"evidence of {fact.s}-{fact.p}-{fact.o}: raw {raw[ev.start:ev.end]!r} "
                          f"is not part of its sentence {ev.text!r}")
    for mention in extraction.entities:
        start, end = mention.span
        found = span_errors(raw, start, end, f"entity {mention.name}")
        if not found and end > start and fold(raw[start:end]) != fold(mention.name):
            found.append(f"entity {mention.name!r}: span holds {raw[start:end]!r}")
        errors += found
    return errors
