"""Character-level clean-up of a decoded page, keeping every character's raw offset.

Two kinds of edit, both cheap and linear:
* one-for-one substitutions (full-width digits/letters to ASCII as NFKC does, ASCII punctuation to
  the full-width Chinese forms, odd spaces to ' '): offsets are unchanged;
* deletions (spaces letter-spacing CJK text, runs of spaces, line-edge spaces, jump markers such
  as （下转二版）): a keep-mask over the raw text, applied per line with itertools.compress.

Line breaks are kept: rejoining lines into paragraphs needs layout decisions and lives in
`segment`. The result is one MappedText whose lines are the page's lines, cleaned.
"""

from __future__ import annotations

import re
from array import array
from itertools import compress

from graphbuild.model import MappedText

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·《》"


def _one_for_one_table() -> dict[int, str]:
    table = {0xFF10 + i: str(i) for i in range(10)}
    table.update({0xFF21 + i: chr(ord("A") + i) for i in range(26)})
    table.update({0xFF41 + i: chr(ord("a") + i) for i in range(26)})
    table.update({ord(c): " " for c in "\t\r\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"})
    table.update({ord(a): b for a, b in zip("();!?％．＋／", "（）；！？%.+/", strict=True)})
    return table


_TABLE = _one_for_one_table()
# A comma or colon between digits is a thousands separator or a clock time: keep it ASCII.
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_COLON = re.compile(r"(?<!\d):|:(?!\d)")
# Letter-spaced text: three or more single CJK characters each followed by one space.
_LETTERSPACED = re.compile(f"(?:[{CJK}{CJK_PUNCT}] ){{2,}}[{CJK}{CJK_PUNCT}]")
_EXTRA_SPACES = re.compile(r"(?<= ) +|^ +| +$", re.MULTILINE)
# Jump markers of continued stories: （下转二版） （上接一版） （紧接第3版）.
_JUMP = re.compile(r" *（(?:[上下]?转|上接|紧接)第?[一二三四五六七八九十\d]{1,3}版）")


def substitute(raw: str) -> str:
    """One-for-one normalisation: same length as raw, so offsets need no map."""
    text = raw.translate(_TABLE)
    text = _COMMA.sub("，", text)
    return _COLON.sub("：", text)


def deletion_mask(text: str) -> bytearray:
    """1 for characters to keep, 0 for the ones normalisation drops."""
    keep = bytearray(b"\x01") * len(text)
    for run in _LETTERSPACED.finditer(text):
        for i in range(run.start() + 1, run.end(), 2):
            keep[i] = 0
    for pattern in (_JUMP, _EXTRA_SPACES):
        for m in pattern.finditer(text):
            keep[m.start():m.end()] = bytes(m.end() - m.start())
    return keep


def normalize_page(raw: str) -> MappedText:
    """The page, cleaned line by line; '\\n' between lines (each carries its own raw offset)."""
    text = substitute(raw)
    keep = deletion_mask(text)
    out_text: list[str] = []
    offsets = array("q")
    for line in re.finditer(r"[^\n]*\n?", text):
        start, end = line.span()
        if start == end:
            continue
        out_text.append("".join(compress(text[start:end], keep[start:end])))
        offsets.extend(compress(range(start, end), keep[start:end]))
    return MappedText("".join(out_text), offsets)


def is_letterspaced(raw_line: str) -> bool:
    """Whether a raw line is set with a space after every character (titles often are)."""
    return bool(_LETTERSPACED.search(raw_line.strip()))
