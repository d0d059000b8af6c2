"""Gazetteer of Jilin province: prefectures, county-level units and common development zones.

The data lives in `data/jilin_divisions.tsv` (name, kind, parent, aliases, paper). Lookups accept the full
name or any alias; `find_all` scans text with one compiled regex (longest name wins), so it is
linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "jilin_divisions.tsv"
# Names that contain a division's short form but are not divisions (rivers, a mountain): matched
# so that the short form inside them is not, then dropped.
NOT_DIVISIONS = ("伊通河", "东辽河", "图们江", "长白山")

LEVELS = {"province": "province", "prefecture": "prefecture", "zone": "county",
          "district": "county", "county": "county", "autonomous_county": "county",
          "county_city": "county"}
# Place subtypes of the graph conventions (docs/CONTRACTS.md).
SUBTYPES = {"province": "Province", "prefecture": "City", "district": "District", "county": "County",
            "autonomous_county": "County", "county_city": "City", "zone": "DevelopmentZone"}


@dataclass(frozen=True, slots=True)
class Division:
    name: str  # canonical full name, e.g. 伊通满族自治县
    kind: str  # province | prefecture | district | county | autonomous_county | county_city | zone
    parent: str | None  # full name of the unit it lies in
    aliases: tuple[str, ...] = ()
    paper: str | None = None  # prefectures: the city's daily, e.g. 四平日报

    @property
    def level(self) -> str:
        """province | prefecture | county (zones count as county level)."""
        return LEVELS[self.kind]

    @property
    def subtype(self) -> str:
        return SUBTYPES[self.kind]


class Gazetteer:
    def __init__(self, divisions: list[Division]) -> None:
        self.divisions = {d.name: d for d in divisions}
        self._by_form: dict[str, Division] = {}
        for d in divisions:
            for form in (d.name, *d.aliases):
                self._by_form.setdefault(form, d)
        self._pattern = re.compile(trie_pattern([*self._by_form, *NOT_DIVISIONS]))

    def __iter__(self):
        return iter(self.divisions.values())

    def lookup(self, name: str) -> Division | None:
        """The division a full name or alias designates."""
        return self._by_form.get(name)

    def parent(self, name: str) -> Division | None:
        d = self.lookup(name)
        return self.divisions.get(d.parent) if d and d.parent else None

    def city_of(self, name: str) -> Division | None:
        """The prefecture-level unit a division lies in (itself for a prefecture)."""
        d = self.lookup(name)
        while d is not None and d.kind not in ("prefecture", "province"):
            d = self.divisions.get(d.parent) if d.parent else None
        return d if d is not None and d.kind == "prefecture" else None

    def children(self, name: str) -> list[Division]:
        d = self.lookup(name)
        return [c for c in self.divisions.values() if d and c.parent == d.name]

    def forms_of(self, kind: str) -> list[str]:
        """The names and aliases that designate divisions of `kind` (as `lookup` resolves them)."""
        return sorted(form for form, d in self._by_form.items() if d.kind == kind)

    def starts_with_division(self, text: str, pos: int, endpos: int) -> bool:
        """Whether `find_all(text[pos:endpos])` finds a division starting at its first character."""
        m = self._pattern.match(text, pos, endpos)
        return m is not None and m.group() in self._by_form

    def find_all(self, text: str) -> list[tuple[Division, int, int]]:
        """Every division named in text, longest match first, as (division, start, end)."""
        by_form = self._by_form
        return [(d, m.start(), m.end()) for m in self._pattern.finditer(text)
                if (d := by_form.get(m.group())) is not None]


def trie_pattern(words) -> str:
    """A regex matching any of words, longest first, with shared prefixes factored out: far
    faster than a flat alternation of a few hundred names."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{group})?" if "" in node else group


def _parse(line: str) -> Division:
    name, kind, parent, aliases, paper = [*line.split("\t"), "", "", "", ""][:5]
    if kind not in LEVELS:
        raise ValueError(f"{_DATA.name}: unknown kind {kind!r} for {name}")
    return Division(name, kind, parent or None, tuple(a for a in aliases.split(",") if a), paper or None)


@cache
def load_gazetteer() -> Gazetteer:
    lines = _DATA.read_text(encoding="utf-8").splitlines()
    return Gazetteer([_parse(line) for line in lines if line.strip() and not line.startswith("#")])


def city_votes(text: str) -> Counter[str]:
    """Votes per prefecture: a county-level unit counts 2 (a paper names its own districts far
    more than anyone else's), the city's own name 1, the province nothing."""
    gaz = load_gazetteer()
    votes: Counter[str] = Counter()
    for division, _, _ in gaz.find_all(text):
        city = gaz.city_of(division.name)
        if city is not None:
            votes[city.name] += 1 if division.kind == "prefecture" else 2
    return votes


def find_city(text: str, min_votes: int = 3) -> str | None:
    """The prefecture text is most about, or None when the evidence is thin or tied."""
    ranked = city_votes(text).most_common(2)
    if not ranked or ranked[0][1] < min_votes:
        return None
    if len(ranked) > 1 and ranked[1][1] * 1.5 >= ranked[0][1]:
        return None
    return ranked[0][0]
