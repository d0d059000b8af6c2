"""located_in (Place → Place) from nested names and explicit statements.

    青山区光明街道阳光社区 → 阳光社区 ⊂ 光明街道 ⊂ 青山区
    平川县河口镇           → 河口镇 ⊂ 平川县
    X位于Y                   → X ⊂ Y
A nested name is anchored on a county-level unit the gazetteer knows; each link joins adjacent
levels only (a community written straight after its district skips the street that holds it).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from itertools import pairwise

from graphbuild.extract.base import ArticleContext
from graphbuild.extract.common import (
    CLAUSE_BREAKS,
    Named,
    article_topic,
    classify,
    clause_of,
    clause_spans,
    gazetteer,
    lead_end,
    segment_start,
)
from graphbuild.extract.common import division as division_of
from graphbuild.lexicon.divisions import Division, trie_pattern
from graphbuild.lexicon.orgs import GENERIC_PREFIXES, SUBJECT_STOP_RE
from graphbuild.model import Fact

_TOWN_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:街道|街|镇|乡))")
_TOWN_END_RE = re.compile(r"街|镇|乡")
_COUNTY_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:县|旗|区)")
_NOT_A_TOWN_RE = re.compile(r"[区县市旗]|下乡|返乡|回乡|城镇|集镇")
# A town opening a clause, listed with others (A镇、B镇等乡镇…).
_TOWN_ITEM_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:镇|乡|街道))(、)?")
_COMMUNITY_RE = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:社区|村))")
_NOT_IN_NAME = re.compile(r"[在与及的为了对把将是有各全以]|开展|召开|组织|联合|推进|工作|围绕|城乡|村镇|乡镇|"
                          r"进入|首先|^(?:这|那|每|该|本|此)")
_LIES_IN_RE = re.compile(r"位于([\u4e00-\u9fff]{2,15}?)(?:境内|中部|东部|西部|南部|北部|，|。|$)")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]+")
_COUNTY_END_RE = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:自治县|县|区|旗)")
_DELIMS = set("，。；：、,;:“”（）() \n")
_STOP_END_RE = re.compile("(?:" + SUBJECT_STOP_RE.pattern + ")$")
# Where an item of a list (or a clause) starts: at the text's start and after one of these.
_ITEM_BREAK_RE = re.compile(r"[、，。；：,;:]")
_COUNTY_KINDS = frozenset({"district", "county", "autonomous_county", "county_city", "zone"})


# A link holds a town (街, 镇, 乡) or two gazetteer names (A市B区); a statement holds 位于.
_TRIGGER_RE = re.compile(r"街|镇|乡|位于")  # (plain words: re skips to their first characters)


def extract(ctx: ArticleContext) -> list[Fact]:
    facts, seen = [], set()
    cued = ctx.sentences_matching(_TRIGGER_RE)
    if not cued and not _prefecture_pattern().search(ctx.joined()[0]):
        return []  # no town, no 位于, and no prefecture for an A市B区 (nor towns for the topic)
    divisions = _divisions_by_sentence(ctx)
    read = sorted({k for k, known in divisions.items() if len(known) > 1} | set(cued))
    found = [(k, link) for k in read for link in _nested(ctx, k, divisions.get(k, [])) + _stated(ctx, k)]
    placed = {link[0] for _, link in found}
    found += [(k, link) for k, link in _towns_of_topic(ctx) if link[0] not in placed]
    for k, (child, child_sub, parent, parent_sub, span, rule) in found:
        if (child, parent) in seen:
            continue
        seen.add((child, parent))
        facts.append(ctx.fact(child, "Place", "located_in", parent, "Place", ctx.sentences[k],
                              f"locations.located_in.{rule}", s_subtype=child_sub,
                              o_subtype=parent_sub, span=span))
    return facts


def _towns_of_topic(ctx: ArticleContext) -> list[tuple[int, tuple]]:
    """In an article about a county-level unit, towns listed at a clause's opening
    (`A镇、B镇等乡镇依托…`, `A镇等…`) are that unit's towns: the paper writes the county once."""
    listed = []
    for k, sentence in enumerate(ctx.sentences):
        text = sentence.text.text
        has_list = ("、" in text or "等" in text) and _TOWN_END_RE.search(text)
        for start, end in clause_spans(text) if has_list else ():
            listed += [(k, town) for town in _opening_towns(text, lead_end(text, start, end), end)]
    topic = article_topic(ctx) if listed else None  # the topic costs a pass over every clause
    if topic is None or not _county_level(topic):
        return []
    return [(k, (town, sub, topic.name, topic.subtype, span, "topic")) for k, (town, sub, span) in listed]


def _opening_towns(text: str, pos: int, end: int) -> list[tuple[str, str, tuple[int, int]]]:
    """Towns of a list `A镇、B镇等` opening text[pos:end]: two or more, or any closed by 等."""
    towns = []
    while (m := _TOWN_ITEM_RE.match(text, pos, end)) and _component(_TOWN_RE, text, pos):
        town = m.group(1)
        if _NOT_A_TOWN_RE.search(town) or text.startswith(("镇", "乡"), m.end(1)):
            return []  # 白河县石门镇 (nested), 石门乡镇… (乡镇 is a word)
        towns.append((town, "Town" if town.endswith(("镇", "乡")) else "Street", m.span(1)))
        if not m.group(2):
            break
        pos = m.end()
    listed = len(towns) > 1 or (towns and text.startswith("等", towns[-1][2][1]))
    return towns if listed else []


def _county_level(place: Named) -> bool:
    """A county-level unit: one the gazetteer knows, or a short name ending in 县/旗/区 (not 地区)."""
    known = division_of(place.name)
    if known is not None:
        return known.kind in _COUNTY_KINDS
    return bool(_COUNTY_NAME_RE.fullmatch(place.name)) and not place.name.endswith(("地区", "山区", "城区"))


def _component(regex: re.Pattern[str], text: str, pos: int) -> str | None:
    m = regex.match(text, pos)
    if not m or _NOT_IN_NAME.search(m.group(1)) or m.group(1).startswith(GENERIC_PREFIXES):
        return None
    return m.group(1)


def anchors(text: str, known: list | None = None) -> list[tuple[str, str, int, int]]:
    """County-level names that can head a nested name: (name, subtype, start, end). Known units
    in full (宽城兴农村镇银行 is a bank: short forms do not anchor); elsewhere any 2–4 characters
    + 区/县/旗 that open a clause or follow a delimiter or closed-class word. `known` is
    `gazetteer().find_all(text)` when the caller has it already."""
    found: dict[int, tuple[str, str, int, int]] = {}
    for division, start, end in gazetteer().find_all(text) if known is None else known:
        if division.kind in _COUNTY_KINDS and text[start:end] == division.name:
            found[start] = (division.name, division.subtype, start, end)
    known_ends = {end for _, _, _, end in found.values()}
    for m in _COUNTY_END_RE.finditer(text):
        if m.end() in known_ends:
            continue
        for start in range(max(0, m.start() - 4), m.start() - 1):  # longest name first
            name = text[start:m.end()]
            if not _CJK_RE.fullmatch(name) or SUBJECT_STOP_RE.search(name) or not _at_boundary(text, start):
                continue  # 先后到青山区: the name starts after the closed-class words
            if start not in found and not name.startswith(GENERIC_PREFIXES) and not division_of(name):
                subtype = "County" if name.endswith(("县", "旗")) else "District"
                found[start] = (name, subtype, start, m.end())
            break
    return [found[k] for k in sorted(found)]


def _at_boundary(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] in _DELIMS or bool(_STOP_END_RE.search(text, max(0, pos - 4), pos))


@cache
def _prefecture_pattern() -> re.Pattern[str]:
    """Any form of a prefecture's name the gazetteer finds (A市B区 opens with one)."""
    return re.compile(trie_pattern(gazetteer().forms_of("prefecture")))


def _divisions_by_sentence(ctx: ArticleContext) -> dict[int, list[tuple[Division, int, int]]]:
    """`gazetteer().find_all` of each sentence that names a division, by sentence index: one
    scan of the article (no name holds a newline, so each match lies within one sentence)."""
    joined, starts = ctx.joined()
    found: dict[int, list[tuple[Division, int, int]]] = {}
    for division, start, end in gazetteer().find_all(joined):
        k = bisect_right(starts, start) - 1
        found.setdefault(k, []).append((division, start - starts[k], end - starts[k]))
    return found


def _nested(ctx: ArticleContext, k: int, known: list[tuple[Division, int, int]]) -> list[tuple]:
    """Links of the names nested in sentence k; `known` is `gazetteer().find_all` of its text."""
    text = ctx.sentences[k].text.text
    links = _in_prefecture(text, known)
    town_ends = [m.start() for m in _TOWN_END_RE.finditer(text)]
    if not town_ends:
        return links  # every other link has a town in it
    heads = anchors(text, known)
    head_starts = {start for _, _, start, _ in heads}
    for written, subtype, start, end in heads:
        if subtype != "DevelopmentZone":  # zones are no administrative level: towns lie in counties
            links += _town_chain(text, end, (written, subtype, start), head_starts)
    if not heads and "村" not in text and "社区" not in text:
        return links  # with no county named, a town nests only with the village it holds
    for item in _list_items(text):
        # 、柳溪镇…: a town listed after an anchored item lies in its county.
        near = bisect_left(town_ends, item + 2)  # a town's name has two characters before its ending
        if item not in head_starts and near < len(town_ends) and town_ends[near] < item + 7:
            links += _town_chain(text, item, _listed_county(text, heads, item), head_starts)
    return links


def _town_chain(text: str, pos: int, county: tuple[str, str, int] | None,
                head_starts: set[int]) -> list[tuple]:
    """[county]town[village] at pos: town ⊂ county (when one is given), village ⊂ town."""
    town = _component(_TOWN_RE, text, pos)
    if town is None or any(pos < start < pos + len(town) for start in head_starts):
        return []  # 到青山区光明街道: the town starts after the county, not at pos
    if text.startswith(("村", "镇"), pos + len(town)) and town.endswith("乡"):
        return []  # 发展乡村旅游: 乡村 and 乡镇 are words, not a town's ending
    town_sub = "Town" if town.endswith(("镇", "乡")) else "Street"
    links = []
    if county is not None:
        written, subtype, start = county
        links.append((town, town_sub, written, subtype, (start, pos + len(town)), "nested"))
    community = _component(_COMMUNITY_RE, text, pos + len(town))
    if community:
        links.append((community, "Community", town, town_sub,
                      (pos, pos + len(town) + len(community)), "nested"))
    return links


def _list_items(text: str) -> list[int]:
    """Where a name may start: list items and clauses (after a delimiter), and the word after a
    verb or closed-class word (走进石门乡红星村)."""
    starts = {0, *(m.end() for m in _ITEM_BREAK_RE.finditer(text))}
    starts |= {m.end() for m in SUBJECT_STOP_RE.finditer(text)}
    return sorted(starts)


def _listed_county(text: str, heads: list[tuple[str, str, int, int]],
                   item: int) -> tuple[str, str, int] | None:
    """The county opening an earlier item of the same 、-list as the item at `item`, if any."""
    if item == 0 or text[item - 1] != "、":
        return None
    clause_start = segment_start(text, item, CLAUSE_BREAKS + "：:")
    before = [h for h in heads if clause_start <= h[2] < item and h[1] != "DevelopmentZone"]
    return (before[-1][0], before[-1][1], before[-1][2]) if before else None


def _in_prefecture(text: str, found: list) -> list[tuple]:
    """`A市B区`: a county-level unit written straight after the prefecture holding it."""
    links = []
    for (city, start, end), (unit, u_start, u_end) in pairwise(found):
        if end == u_start and city.kind == "prefecture" and unit.parent == city.name:
            links.append((text[u_start:u_end], unit.subtype, text[start:end], city.subtype,
                          (start, u_end), "nested"))
    return links


def _stated(ctx: ArticleContext, k: int) -> list[tuple]:
    text = ctx.sentences[k].text.text
    links = []
    for m in _LIES_IN_RE.finditer(text):
        start, _end = clause_of(text, m.start())
        name = text[lead_end(text, start, m.start()):m.start()]
        heads = anchors(name)
        if heads and heads[0][2] == 0 and heads[0][3] < len(name):
            name = name[heads[0][3]:]  # 平川县河口镇位于… → 河口镇
        child, parent = classify(name, ctx), classify(m.group(1), ctx)
        if child and parent and child[0] == parent[0] == "Place" and name != m.group(1):
            links.append((name, child[1], m.group(1), parent[1], (m.start(), m.end()), "weiyu"))
    return links
