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

from graphbuild.model import MappedText

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·《》"


def _one_for_one_table() -> dict[int, str]:
    table = {0xFF10 + i: str(i) for i in range(10)}
    table.update({0xFF21 + i: chr(ord("A") + i) for i in range(26)})
    table.update({0xFF41 + i: chr(ord("a") + i) for i in range(26)})
    table.update({ord(c): " " for c in "\t\r\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"})
    table.update({ord(c): "\n" for c in "\u2028\u2029\x0b\x0c\x85"})
    table.update({ord(a): b for a, b in zip("();!?％．＋／", "（）；！？%.+/", strict=True)})
    return table


_TABLE = _one_for_one_table()
_TABLE_CHARS = re.compile("[" + "".join(map(re.escape, map(chr, _TABLE))) + "]")
# A comma or colon between two digits is a thousands separator or a clock time: keep it ASCII.
_COMMA = re.compile(r",(?!(?<=\d,)\d)")
_COLON = re.compile(r":(?!(?<=\d:)\d)")
# Pages without such a comma or colon (most) can replace them all with str.replace.
_DIGIT_COMMA = re.compile(r",(?<=\d,)\d")
_DIGIT_COLON = re.compile(r":(?<=\d:)\d")
_X = f"[{CJK}{CJK_PUNCT}]"
# Letter-spaced text: single CJK characters each followed by one space, three or more of them.
# The pattern starts with the space (a literal prefix the regex engine scans for quickly); the
# character before the first space is checked in Python.
_SPACED_TAIL = re.compile(f" {_X}(?: {_X})+")
_X_CHAR = re.compile(_X)
_SPACE_RUN = re.compile("  +")
_TRAILING = re.compile("  *\n")  # " +\n" spelt with a leading literal, which the regex engine finds fast
_LEADING = re.compile("\n +")
# Jump markers of continued stories: （下转二版） （上接一版） （紧接第3版）.
_JUMP = re.compile(r"（(?:[上下]?转|上接|紧接)第?[一二三四五六七八九十\d]{1,3}版）")


def substitute(raw: str) -> str:
    """One-for-one normalisation: same length as raw, so offsets need no map."""
    text = raw if "\n" in raw or "\r" not in raw else raw.replace("\r", "\n")  # old Mac line ends
    # Each character of the table present, replaced everywhere at once (str.translate is slow on
    # non-ASCII text); no replacement is itself in the table, so the search can go on from there.
    found = _TABLE_CHARS.search(text)
    while found is not None:
        char = found.group()
        text = text.replace(char, _TABLE[ord(char)])
        found = _TABLE_CHARS.search(text, found.start())
    if "," in text:
        text = _COMMA.sub("，", text) if _DIGIT_COMMA.search(text) else text.replace(",", "，")
    if ":" in text:
        text = _COLON.sub("：", text) if _DIGIT_COLON.search(text) else text.replace(":", "：")
    return text


def deletions(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping [start, end) spans of characters normalisation drops."""
    spans: list[tuple[int, int]] = []
    for run in _SPACED_TAIL.finditer(text):
        if run.start() and _X_CHAR.match(text, run.start() - 1):
            spans += [(i, i + 1) for i in range(run.start(), run.end(), 2)]
    spans += [(m.start() + 1, m.end()) for m in _SPACE_RUN.finditer(text)]
    spans += [(m.start(), m.end() - 1) for m in _TRAILING.finditer(text)]
    spans += [(m.start() + 1, m.end()) for m in _LEADING.finditer(text)]
    for m in _JUMP.finditer(text):
        start = m.start()
        while start and text[start - 1] == " ":
            start -= 1
        spans.append((start, m.end()))
    head = len(text) - len(text.lstrip(" "))
    tail = len(text.rstrip(" "))
    spans += [(0, head), (tail, len(text))]
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Offsets 0, 1, 2, … shared by all pages: copying a slice of it is a memcpy, some 50 times faster
# than filling an array from a range. Capped so that one huge page does not pin its size for good.
_IDENTITY_CAP = 1 << 21
_identity = array("q")


def _offset_range(start: int, end: int) -> array:
    """array('q', range(start, end)), sliced from the shared identity map where it reaches."""
    if end > len(_identity) and len(_identity) < _IDENTITY_CAP:
        _identity.extend(range(len(_identity), min(max(end, 2 * len(_identity)), _IDENTITY_CAP)))
    if end <= len(_identity):
        return _identity[start:end]
    return array("q", range(start, end))


def normalize_page(raw: str) -> MappedText:
    """The page cleaned; line breaks are kept as they are."""
    text = substitute(raw)
    parts: list[str] = []
    offsets = array("q")
    pos = 0
    for start, end in [*deletions(text), (len(text), len(text))]:
        parts.append(text[pos:start])
        offsets += _offset_range(pos, start)
        pos = end
    return MappedText("".join(parts), offsets)


def is_letterspaced(raw_line: str) -> bool:
    """Whether a raw line is set with a space after every character (titles often are)."""
    line = raw_line.strip()
    return any(run.start() and _X_CHAR.match(line, run.start() - 1) for run in _SPACED_TAIL.finditer(line))
