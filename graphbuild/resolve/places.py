"""Places: suffix variants, abbreviations, relative names and the place hierarchy.

A place name is a core plus an administrative suffix (铁东 + 区, 伊通 + 满族自治县, 四马路 + 街道).
Names with the same core and the same kind of suffix are one place (伊通县 = 伊通满族自治县,
四马路街 = 四马路街道); a bare core (铁东, 伊通) is the one suffixed place with that core, preferring
the higher level (梨树 is 梨树县, not 梨树镇). Low-level places (towns, streets, communities,
venues) are keyed by home city because the same names recur from city to city.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from graphbuild.resolve import gazetteer
from graphbuild.resolve.scope import PROVINCE, Scope

# (suffix, subtype, family): family groups suffixes that name the same kind of division.
SUFFIXES: tuple[tuple[str, str, str], ...] = (
    ("经济技术开发区", "DevelopmentZone", "开发区"), ("经济开发区", "DevelopmentZone", "开发区"),
    ("高新技术产业开发区", "DevelopmentZone", "开发区"), ("开发区", "DevelopmentZone", "开发区"),
    ("高新区", "DevelopmentZone", "高新区"), ("新区", "DevelopmentZone", "新区"),
    ("片区", "DevelopmentZone", "片区"), ("产业园", "Park", "园"), ("工业园", "Park", "园"),
    ("园区", "Park", "园"), ("自治州", "City", "州"), ("自治县", "County", "县"),
    ("自治旗", "County", "旗"), ("特别行政区", "Province", "省"), ("自治区", "Province", "省"),
    ("省", "Province", "省"), ("市", "City", "市"), ("区", "District", "区"), ("县", "County", "县"),
    ("旗", "County", "旗"), ("镇", "Town", "镇"), ("乡", "Town", "乡"), ("街道", "Street", "街"),
    ("街", "Street", "街"), ("社区", "Community", "社区"), ("村", "Community", "村"),
)
_LONGEST_FIRST = sorted(SUFFIXES, key=lambda row: -len(row[0]))  # 社区 before 区, 街道 before 街
NOT_DIVISION_ENDINGS = ("超市", "城市", "门市", "集市", "夜市", "早市", "都市", "市区", "城区", "辖区",
                        "社区服务中心", "步行街", "商业街", "小区", "景区", "园区管委会")
LEVEL = {"Province": 6, "City": 5, "County": 4, "District": 4, "DevelopmentZone": 3, "Park": 2,
         "Town": 2, "Street": 1, "Community": 0, "Venue": -1}
HIGH_LEVELS = frozenset({"Province", "City", "County", "District"})
ETHNIC = re.compile(r"(?:(?:满|朝鲜|蒙古|回|锡伯|壮|苗|彝|藏|维吾尔|土家|达斡尔|鄂温克|鄂伦春|赫哲)族)+$")
GENERIC_CORES = frozenset({"", "经济", "经济技术", "高新", "工业", "产业", "开发"})

CITY_WORDS = frozenset({"市", "我市", "本市", "全市", "该市"})
DISTRICT_WORDS = frozenset({"区", "我区", "本区", "全区", "该区", "县", "我县", "本县", "全县", "该县"})
PROVINCE_WORDS = frozenset({"省", "我省", "本省", "全省"})
# A place written as its government seat: 区政府, 市委大院 (a venue, named after its district or city).
SEAT = re.compile(r"^(市|区|县)(政府|委|人大|政协)(.*)$")


@dataclass(frozen=True, slots=True)
class PlaceName:
    name: str
    subtype: str
    key: str  # canonical key for the id
    parent: str | None = None  # a containing place's canonical name, when the name or gazetteer says
    parent_written: bool = False  # True when the page wrote it (铁东区四马路街道), not the gazetteer
    how: str = ""  # the steps that changed the written name, for the resolution report


@lru_cache(maxsize=1 << 16)
def split_suffix(name: str) -> tuple[str, str, str] | None:
    """(core, subtype, family) for a division-like name, None for anything else."""
    if not name or name.endswith(NOT_DIVISION_ENDINGS):
        return None
    for suffix, subtype, family in _LONGEST_FIRST:
        if name.endswith(suffix) and len(name) > len(suffix):
            core = ETHNIC.sub("", name[: -len(suffix)])
            return (core, subtype, family) if len(core) >= 2 else None
    return None


def place_subtype(name: str) -> str | None:
    parts = split_suffix(name)
    return parts[1] if parts else None


def is_division(name: str) -> bool:
    """Whether an organiser or signatory written as 铁东区 is really the place (one node for both)."""
    parts = split_suffix(name)
    return bool(parts) and parts[0] not in GENERIC_CORES


class PlaceIndex:
    """Every place name seen (plus the gazetteer), for variant and abbreviation lookups."""

    def __init__(self) -> None:
        # (scope key, core, family) -> full names seen; scope "" for high levels
        self._variants: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self._by_core: dict[tuple[str, str], set[str]] = defaultdict(set)
        for name in gazetteer.names():
            self.add(name, None)

    def add(self, name: str, city: str | None) -> None:
        parts = split_suffix(name)
        if not parts or parts[0] in GENERIC_CORES:
            return
        core, subtype, family = parts
        scope = "" if subtype in HIGH_LEVELS else (city or "")
        self._variants[(scope, core, family)].add(name)
        self._by_core[(scope, core)].add(name)

    def variant(self, name: str, city: str | None) -> str:
        """The longest seen spelling of the same division: 伊通县 -> 伊通满族自治县."""
        parts = split_suffix(name)
        if not parts:
            return name
        core, subtype, family = parts
        scope = "" if subtype in HIGH_LEVELS else (city or "")
        names = self._variants.get((scope, core, family)) or {name}
        return _best(names)

    def expand_core(self, core: str, city: str | None) -> str | None:
        """The place a bare core names (铁东 -> 铁东区), the highest level when several."""
        names = self._by_core.get(("", core), set()) | self._by_core.get((city or "", core), set())
        if not names:
            return None
        top = max(LEVEL[place_subtype(n) or "Venue"] for n in names)
        return _best({n for n in names if LEVEL[place_subtype(n) or "Venue"] == top})


def _best(names: set[str]) -> str:
    """Longest (most official) spelling, ties broken by code point for determinism."""
    return min(names, key=lambda n: (-len(n), n))


def resolve_place(surface: str, scope: Scope, index: PlaceIndex) -> PlaceName:
    name = surface.strip()
    how: list[str] = []
    relative = _relative(name, scope)
    if relative:
        name = _note(how, name, relative, "relative to the page's city or district")
    parent = None
    known = gazetteer.canonical(name)
    if known:
        name = _note(how, name, known, "gazetteer spelling")
    elif split := split_compound(name):  # 铁东区四马路街道 -> 四马路街道, in 铁东区
        parent = split[0]
        name = _note(how, name, split[1], "written with its container")
    if split_suffix(name):
        name = _note(how, name, index.variant(name, scope.city), "suffix variant")
    elif seat := _seat(name, scope):
        name = _note(how, name, seat, "seat of the page's city or district government")
    else:
        name = _note(how, name, index.expand_core(name, scope.city) or name, "abbreviation")
    subtype = gazetteer.subtype(name) or place_subtype(name) or "Venue"
    written = parent is not None
    parent = parent or gazetteer.parent(name)
    return PlaceName(name, subtype, place_key(name, subtype, scope), parent, written, "; ".join(how))


def _note(how: list[str], old: str, new: str, step: str) -> str:
    if new != old:
        how.append(step)
    return new


def split_compound(name: str) -> tuple[str, str] | None:
    """(container, place) for a name written with its container: 梨树县郭家店镇, 北市场街广兴茂社区.

    The longest container wins (铁东区四马路街道 | 曙光社区); the container may itself be compound.
    """
    for end in range(len(name) - 3, 2, -1):
        head, rest = split_suffix(name[:end]), split_suffix(name[end:])
        if head and rest and head[0] not in GENERIC_CORES and rest[0] not in GENERIC_CORES \
                and LEVEL[head[1]] > LEVEL[rest[1]]:
            return name[:end], name[end:]
    return None


def place_key(name: str, subtype: str, scope: Scope) -> str:
    parts = split_suffix(name)
    generic = parts is not None and parts[0] in GENERIC_CORES
    return name if subtype in HIGH_LEVELS and not generic else f"{scope.city_key}|{name}"


def _relative(name: str, scope: Scope) -> str | None:
    if name in CITY_WORDS:
        return scope.city
    if name in DISTRICT_WORDS:
        return scope.district
    if name in PROVINCE_WORDS:
        return PROVINCE
    return None


def _seat(name: str, scope: Scope) -> str | None:
    """区政府 on a page about 铁东区 -> 铁东区政府 (the building; the body is an Organization)."""
    match = SEAT.match(name)
    if not match:
        return None
    owner = scope.city if match.group(1) == "市" else scope.district
    return f"{owner}{name[1:]}" if owner else None
