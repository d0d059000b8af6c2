"""Persons: names cleaned of titles and honorifics; one person per name within a home city.

王相民, 市委书记王相民 and 王相民同志 on 四平 pages are one person. The same name on pages of two
cities stays two people unless both hold the same post (the union is recorded with its reason).
"""

from __future__ import annotations

from graphbuild.lexicon import titles

HONORIFICS = ("同志", "先生们", "女士们", "同学", "老师", "师傅")
KEEP_WHOLE = ("先生", "女士")  # 王先生 is how the page names that person: keep it whole


def clean_name(surface: str) -> str:
    """Strip leading titles (市委书记王相民) and trailing honorifics (王相民同志)."""
    name = surface.strip().strip("·")
    for suffix in HONORIFICS:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)]
            break
    return _strip_title_prefix(name)


def _strip_title_prefix(name: str) -> str:
    """Drop everything up to the last title head, when a plausible name (2-4 chars) remains."""
    if name.endswith(KEEP_WHOLE) or len(name) <= 3:
        return name
    for end in range(len(name) - 2, 0, -1):
        if titles.head_before(name, end) >= 0 and 2 <= len(name) - end <= 4:
            return name[end:]
    return name


def person_key(name: str, city: str | None) -> str:
    return f"{city or ''}|{name}"


class UnionFind:
    """Merges person keys; the representative is the smallest key, so merging is order-free."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.reasons: dict[str, list[str]] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str, reason: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        low, high = sorted((ra, rb))
        self.parent[high] = low
        self.reasons.setdefault(low, []).append(reason)
        self.reasons[low].extend(self.reasons.pop(high, []))
