"""Chinese surnames and the characters of transliterated names: loaded once, then cached."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


def _words(name: str) -> list[str]:
    """Whitespace-separated entries of a data file, '#' lines being comments."""
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [w for line in lines if not line.startswith("#") for w in line.split()]


@cache
def single_surnames() -> frozenset[str]:
    return frozenset(w for w in _words("surnames.txt") if len(w) == 1)


@cache
def compound_surnames() -> frozenset[str]:
    return frozenset(w for w in _words("surnames.txt") if len(w) > 1)


@cache
def translit_chars() -> frozenset[str]:
    return frozenset(_words("translit.txt"))


@cache
def surname_initials() -> frozenset[str]:
    """First characters of all surnames: a cheap test before surname_length."""
    return single_surnames() | frozenset(s[0] for s in compound_surnames())


def surname_length(text: str, start: int = 0) -> int:
    """Length of the surname text[start:] begins with: 2 for compound ones, 1, or 0 for none."""
    if text[start:start + 2] in compound_surnames():
        return 2
    return 1 if text[start:start + 1] in single_surnames() else 0


@cache
def foreign_places() -> frozenset[str]:
    """Countries and cities written like transliterated names (伊拉克, 莫斯科)."""
    return frozenset(_words("translit.places.txt"))
