"""The ingestion team's Jilin gazetteer, seen through the questions resolution asks.

If `graphbuild.lexicon.divisions` is missing or unreadable, every answer is empty and resolution
falls back on the names the pages themselves use.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _gazetteer() -> Any:
    try:
        from graphbuild.lexicon.divisions import load_gazetteer
        return load_gazetteer()
    except Exception:  # resolve from the pages alone
        return None


def names() -> tuple[str, ...]:
    gaz = _gazetteer()
    return tuple(sorted(d.name for d in gaz)) if gaz else ()


def canonical(name: str) -> str | None:
    """伊通县 / 伊通 -> 伊通满族自治县; None when the gazetteer does not know the name."""
    gaz = _gazetteer()
    division = gaz.lookup(name) if gaz else None
    return division.name if division else None


def parent(name: str) -> str | None:
    gaz = _gazetteer()
    division = gaz.parent(name) if gaz else None
    return division.name if division else None


def subtype(name: str) -> str | None:
    """City for 双辽市 (a county-level city), DevelopmentZone for a listed zone …"""
    gaz = _gazetteer()
    division = gaz.lookup(name) if gaz else None
    return division.subtype if division else None


@cache  # asked for every organisation and post name, most of them many times
def prefix_of(name: str) -> str | None:
    """The longest division name or alias that `name` starts with (伊通 in 伊通人社局)."""
    gaz = _gazetteer()
    if not gaz:
        return None
    for end in range(min(len(name), 16), 1, -1):
        if gaz.lookup(name[:end]):
            return name[:end]
    return None
