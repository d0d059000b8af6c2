"""Per-line patterns run over a whole page while visiting few character positions.

A pattern anchored at line starts (^ under MULTILINE) scanned over a page makes the regex engine
try every character position, though only line starts can match. Two ways to find the same lines
while visiting far fewer positions:
* the pattern behind a newline, scanned over "\\n" + text: the engine skips quickly from one
  newline to the next (a literal first character) and tries the pattern at line starts only;
* with a `needle` (a literal that every match contains), the pattern is tried only on the lines
  that contain it (`str.find` finds them).
Either way a match's line start in text is the same, and matches never start elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def lines_with(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each line of text (without its newline) that contains needle, in order."""
    pos = text.find(needle)
    while pos != -1:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        if end == -1:
            end = len(text)
        yield start, end
        pos = text.find(needle, end)


class LinePattern:
    """A per-line pattern: anchored with ^ (MULTILINE) unless a needle is given, in which case it
    may match anywhere in a line. Matches must not contain the needle's line break."""

    def __init__(self, pattern: str, flags: int = 0, needle: str | None = None) -> None:
        if needle is None and not pattern.startswith("^"):
            raise ValueError("LinePattern without a needle must be anchored at line starts")
        self.needle = needle
        self.in_line = re.compile(pattern, flags | re.MULTILINE)
        self.after_newline = re.compile(f"\n(?:{pattern})", flags | re.MULTILINE)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """[start, end) in text of each match (with a needle: the first in each line), in order."""
        if self.needle is None:
            for m in self.after_newline.finditer("\n" + text):
                yield m.start(), m.end() - 1  # "\n" + text shifts by one; the match's "\n" is the shift
            return
        for start, end in lines_with(text, self.needle):
            m = self.in_line.search(text, start, end)
            if m is not None:
                yield m.span()

    def line_starts(self, text: str) -> list[int]:
        """Start offset of the line each match starts in, in order."""
        if self.needle is None:
            return [m.start() for m in self.after_newline.finditer("\n" + text)]
        return [start for start, end in lines_with(text, self.needle)
                if self.in_line.search(text, start, end) is not None]

    def first(self, text: str) -> re.Match[str] | None:
        """The first match in text, as a match against text."""
        if self.needle is None:
            m = self.after_newline.search("\n" + text)
            return None if m is None else self.in_line.match(text, m.start())
        for start, end in lines_with(text, self.needle):
            m = self.in_line.search(text, start, end)
            if m is not None:
                return m
        return None
