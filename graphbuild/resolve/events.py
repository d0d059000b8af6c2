"""Events: one event for the names a page gives the same meeting, and a key across pages.

Within an article, a name contained in exactly one longer name of the same kind is that event
(座谈会 in 全市人才工作座谈会; 2019年第十次常务会议 in 市政府2019年第十次常务会议); across a page's
articles the same holds for names of at least six characters. Years are compared apart from the
rest, so 2019年市委常委会第十六次会议 = 市委常委会2019年第十六次会议.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

YEAR = re.compile(r"(\d{4})年")
EDITION = re.compile(r"第[一二三四五六七八九十百零〇\d]+届")
SESSION = re.compile(r"第[一二三四五六七八九十百零〇\d]+次")
_DROP = dict.fromkeys(map(ord, "“”‘’\"'《》「」 \u3000"), None)
DOC_LEVEL_MIN = 6  # shorter names than this merge only within their own article


def signature(name: str) -> tuple[str, str | None]:
    """(name without years or quotes, the year it states)."""
    match = YEAR.search(name)
    return YEAR.sub("", name).translate(_DROP), match.group(1) if match else None


def _compatible(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    return a[1] is None or b[1] is None or a[1] == b[1]


def cluster(names: Iterable[tuple[str, str | None]], min_len: int = 1) -> dict[str, str]:
    """Map each (name, subtype) name to its cluster's longest name; types must agree.

    Longer names are placed first, so the result depends only on the set of names.
    """
    ordered = sorted(set(names), key=lambda ns: (-len(signature(ns[0])[0]), ns[0], ns[1] or ""))
    heads: list[tuple[str, str | None]] = []  # cluster representatives
    result: dict[str, str] = {}
    for name, subtype in ordered:
        sig = signature(name)
        hosts = {h for h, h_sub in heads
                 if (subtype is None or h_sub is None or subtype == h_sub)
                 and len(sig[0]) >= min_len and sig[0] in signature(h)[0]
                 and _compatible(sig, signature(h))}
        if len(hosts) == 1:
            result[name] = result.get(next(iter(hosts)), next(iter(hosts)))
        elif name not in result:
            heads.append((name, subtype))
            result[name] = name
    return result


def event_key(name: str, city: str | None, date: str) -> str:
    """Editions (第十五届…博览会) are global; sessions and dated names are the city's and year's;
    any other name is one event per city and day."""
    sig, year = signature(name)
    if EDITION.search(name):
        return sig
    if SESSION.search(name) or year:
        return f"{city or ''}|{sig}|{year or date[:4]}"
    return f"{city or ''}|{sig}|{date}"


def best_date(dates: Iterable[str]) -> str:
    """The most specific date seen (full > year-month / month-day > year), earliest on ties."""
    def rank(d: str) -> tuple[int, str]:
        full = len(d) == 10 and not d.startswith("-")
        return (0 if full else 1 if len(d) > 4 else 2, d)
    candidates = sorted(d for d in dates if d)
    return min(candidates, key=rank) if candidates else ""


def with_year(date: str, name: str) -> str:
    """--08-29 on a page, 2019年 in the event's name -> 2019-08-29."""
    _, year = signature(name)
    if year and date.startswith("--"):
        return f"{year}{date[1:]}"
    return date or (year or "")
