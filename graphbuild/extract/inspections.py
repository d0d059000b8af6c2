"""inspects (Person → site, enterprise or project visited).

    A先后来到/先后到B、C、D，实地调研…  → A inspects B, C, D
    A到/赴/深入B(进行专题)调研         → A inspects B
    在B(现场)，A实地踏查/详细了解…     → A inspects B
    A调研/考察/察看B、C               → A inspects B, C
Sites must read as an organisation, place or project; in 在X的陪同下 X escorts, X is not the visitor.
Topics (调研养老服务工作开展情况) are not sites: a site must end like a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphbuild.extract.base import ArticleContext
from graphbuild.extract.common import Named, classify, gazetteer, lead_end, persons_in
from graphbuild.extract.projects import generic_project
from graphbuild.model import Fact

_VISIT_RE = re.compile(r"(?:先后|随后|又|还|再|先|一同|一起)?(?:来到|走进|走访|深入到|深入|前往|莅临|赴)了?"
                       r"|(?:先后|随后|又|还|再|首先|接着)到")
_GO_TO_RE = re.compile(r"(?:深入到|深入|到|赴|来|在)([^，。、；]{2,30}?)(?:进行|开展)?(?:专题|实地)?"
                       r"(?:调研|考察|视察|检查|督导|慰问|走访)")
_AT_SITE_RE = re.compile(r"在([^，。；在]{2,30}?)(?:现场|内|里)?，")
_LOOK_RE = re.compile(r"(?:实地|详细|认真|深入|仔细)?(?:踏查|调研|考察|视察|察看|查看|了解|检查|督导)")
_INSPECT_OBJECT_RE = re.compile(r"(?:实地|专题|深入)?(?:调研|考察|视察|踏查|察看|查看)了?")
# 在A的陪同下 / 在A陪同下: A accompanies; the visitor is the person outside the phrase.
_ACCOMPANIED_RE = re.compile(r"在[^，。；]{2,40}?陪同下")
# Where on a site, not which site: X项目建设现场 → X项目.
_SITE_TAIL_RE = re.compile(r"(?:的)?(?:建设现场|施工现场|生产车间|现场|一线)$")
_VISIT_PURPOSE_RE = re.compile(r"(?:进行|开展)?(?:专题|实地)?(?:调研|考察|视察|检查|督导|走访|慰问|参观)"
                               r"[^、]*$")
# A list item with a verb in it is a clause, not a site (俄罗斯参加…委员会).
_NOT_IN_SITE = re.compile(r"[的了]|进行|调研|考察|了解|参加|出席|出访|访问|会见|看望|慰问|召开|举行|陪同")
# What a clause continuing the previous one's subject opens with before its verb (…，先后察看了).
_CONTINUING_CLAUSE_RE = re.compile(r"(?:先后|随后|接着|又|还|并|再|同时|一同|实地)*")
# Between two listed visitors: a list mark and the second one's title (、市长).
_LISTED_WITH_RE = re.compile(r"(?:、|和|及)[^，。；、和及]{0,8}")
_LIST_SPLIT_RE = re.compile(r"、|和|及|以及")
# Sites named by what they are rather than by a name ending: parks of any kind (物流园, 产业园),
# demonstration fields and bases, works.
_PROJECT_END_RE = re.compile(r"(?:项目|工程|公寓|园|园区|基地|广场|车间|工地|景区|示范田|保护区|"
                             r"口岸|码头|港区|电站|电厂|风电场)$")
# A whole city or county is where a tour went, not a site it inspected (深入A县、B市调研).
_AREA_SUBTYPES = frozenset({"Province", "City", "County", "District"})
# 白河县的: the area a listed site lies in, written before it.
_AREA_OF_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}?[县市区旗]的")
# 总投资9亿元的X项目: the project's amount, written before its name.
_INVESTED_OF_RE = re.compile(r"^(?:计划)?总?投资(?:约|近|超)?"
                            r"[\d.．一二三四五六七八九十百千万亿余多]+\s*(?:万|亿)?元的")
# Places (not facilities) a visit is said to be in: what is seen there is a site of its own.
_PLACE_SUBTYPES = frozenset({"City", "County", "District", "Town", "Street", "Community"})
_TOPIC_END_RE = re.compile(r"(?:情况|工作|问题|建设|发展|进展|成效|措施)$")
_SENTENCE_BREAK_RE = re.compile(r"[。；]")
_OPEN_BRACKET_RE = re.compile(r"[（(]")


# The verbs some reading needs in a sentence: of going (到 of 来到 and 先后到, 赴 …) or of looking.
_TRIGGER_RE = re.compile("到|走进|走访|深入|前往|莅临|赴|调研|考察|视察|检查|督导|慰问|踏查|察看|查看|了解")


def extract(ctx: ArticleContext) -> list[Fact]:
    facts, seen = [], set()
    for k in ctx.sentences_with_persons():  # every visit has a person of the sentence
        if not _TRIGGER_RE.search(ctx.sentences[k].text.text):
            continue
        for person, site, start, end, rule in _visits(ctx, k):
            key = (person, site)
            if key in seen:
                continue
            seen.add(key)
            facts.append(ctx.fact(person, "Person", "inspects", site, _site_type(site, ctx), ctx.sentences[k],
                                  f"inspections.inspects.{rule}", span=(start, end)))
    return facts


# (visitor, site, span start, span end, rule)
Visit = tuple[str, str, int, int, str]


def _visits(ctx: ArticleContext, k: int) -> Iterator[Visit]:
    text = ctx.sentences[k].text.text
    persons = persons_in(ctx, k)
    if not persons:
        return
    inside, in_place = _inside_site_end(text, ctx)
    if in_place:
        # 在A乡，B察看了C项目: C is the site, A only where it lies; with no site named, A is one.
        objects = list(_object_visits(ctx, persons, text, 0))
        yield from objects
        if objects:
            return
        inside = 0
    for m in _VISIT_RE.finditer(text):
        for person in [] if inside else _visitors(persons, text, m.start()):
            for site in _site_list(text, m.end()):
                yield person.name, site.name, person.start, site.end, "visit"
    for m in _GO_TO_RE.finditer(text):
        site = _main_name(m.group(1))
        for person in _visitors(persons, text, m.start()) if _is_site(site, ctx) else []:
            yield person.name, site, person.start, m.end(), "goto"
    for m in _AT_SITE_RE.finditer(text):
        after = [p for p in persons if p.start == m.end()]
        if not after or not _LOOK_RE.match(text, after[0].end):
            continue
        site = _main_name(m.group(1))
        if _is_site(site, ctx):
            yield after[0].name, site, m.start(), after[0].end, "at_site"
    yield from _object_visits(ctx, persons, text, inside)


def _object_visits(ctx: ArticleContext, persons: list[Named], text: str, inside: int) -> Iterator[Visit]:
    for m in _INSPECT_OBJECT_RE.finditer(text):
        person = None if inside else _person_before(persons, text, m.start())
        for site in _site_list(text, m.end()) if person else []:
            yield person.name, site.name, person.start, site.end, "object"


def _inside_site_end(text: str, ctx: ArticleContext | None = None) -> tuple[int, bool]:
    """(0, False), or where a sentence opening `在X，` ends when X is a site: what the visitor then
    sees or enters (在A公司，B察看了灌装车间) is part of X, not another site. The flag: X is a town,
    street or village rather than a facility."""
    m = _AT_SITE_RE.match(text, lead_end(text, 0, len(text)))
    if not m or not _is_site(_main_name(m.group(1))):
        return 0, False
    kind = classify(_main_name(m.group(1)), ctx)
    return m.end(), bool(kind and kind[0] == "Place" and kind[1] in _PLACE_SUBTYPES)


def _visitors(persons: list[Named], text: str, pos: int) -> list[Named]:
    """The visitor before the verb and those listed with it: `市委书记A、市长B来到…` → [A, B]."""
    person = _person_before(persons, text, pos)
    if person is None:
        return []
    group = [person]
    for earlier in reversed([p for p in persons if p.end <= person.start]):
        if not _LISTED_WITH_RE.fullmatch(text, earlier.end, group[0].start):
            break
        group.insert(0, earlier)
    return group


def _person_before(persons: list[Named], text: str, pos: int) -> Named | None:
    """The person whose clause the verb at pos belongs to (no sentence break in between); an
    accompanying phrase (在A的陪同下) between them is skipped, and A is not the visitor."""
    escorts = [m.span() for m in _ACCOMPANIED_RE.finditer(text, 0, pos)]
    before = [p for p in persons if p.end <= pos and not _SENTENCE_BREAK_RE.search(text, p.end, pos)
              and not any(s <= p.start < e for s, e in escorts)]
    if not before:
        return None
    person = before[-1]
    gap = text[person.end:pos]
    for s, e in escorts:
        if person.end <= s and e <= pos:
            gap = gap.replace(text[s:e], "")
    if len(gap) <= 12 and "，" not in gap:
        return person
    # A…调研，先后察看了B: a clause with no subject of its own continues the person's clause.
    clause = text[text.rfind("，", 0, pos) + 1:pos]
    return person if _CONTINUING_CLAUSE_RE.fullmatch(clause) and len(gap) <= 40 else None


def _site_list(text: str, pos: int) -> list[Named]:
    """`B（别名）、C、D，` after a visit verb: each item as written, aliases in brackets dropped."""
    end = _list_end(text, pos)
    items = _site_items(text, pos, end)
    while items and text.startswith("，", end):  # …、B，C县的D和E，察看…: the list goes on
        if _VISIT_RE.match(text, end + 1):
            break  # …深入B，先后来到C: a new visit, read by its own verb
        more_end = _list_end(text, end + 1)
        more = _site_items(text, end + 1, more_end, whole=True)
        if not more:
            break
        items, end = items + more, more_end
    return items


def _list_end(text: str, pos: int) -> int:
    """Where a list of sites starting at pos ends: the first clause break outside brackets."""
    end, depth = pos, 0
    while end < len(text):
        ch = text[end]
        depth += ch in "（(“"
        depth -= ch in "）)”"
        if depth <= 0 and ch in "，。；：":
            break
        end += 1
    return end


def _site_items(text: str, pos: int, end: int, whole: bool = False) -> list[Named]:
    """The sites listed in text[pos:end]; with `whole`, all items must be sites or none count
    (a clause after the list that is itself no list of sites)."""
    items, start = [], pos
    for m in [*_LIST_SPLIT_RE.finditer(text, pos, end), None]:
        stop = m.start() if m else end
        if _inside_brackets(text, pos, stop) and m:
            continue
        raw = _INVESTED_OF_RE.sub("", _AREA_OF_RE.sub("", text[start:stop]))  # 白河县的A公司 → A公司
        if m is None:  # the last item may run into the purpose: …、C调研 → C
            raw = _VISIT_PURPOSE_RE.sub("", raw)
        name = _main_name(raw)
        if 2 <= len(name) <= 30 and not _NOT_IN_SITE.search(name) and _is_site(name):
            items.append(Named(name, start, stop))
        elif whole:
            return []
        start = m.end() if m else end
    return items


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    segment = text[start:pos]
    return segment.count("（") + segment.count("(") > segment.count("）") + segment.count(")")


def _main_name(raw: str) -> str:
    """`青云电商基地（平川市青年电商协会）` → the name before the bracketed alias; `X项目建设现场` → X项目."""
    name = _OPEN_BRACKET_RE.split(raw.strip(), maxsplit=1)[0].strip()
    return _SITE_TAIL_RE.sub("", name)


def _is_site(name: str, ctx: ArticleContext | None = None) -> bool:
    if not name or _TOPIC_END_RE.search(name) or len(name) > 30 or generic_project(name):
        return False  # 调研新能源产业项目: a kind of project, not a site
    kind = classify(name, ctx)
    if kind and kind[0] == "Place" and kind[1] in _AREA_SUBTYPES and _is_area(name):
        return False
    return kind is not None or bool(_PROJECT_END_RE.search(name))


def _is_area(name: str) -> bool:
    """A city or county (平川市, 青山区) or a run of them (A市B县); 青山洪水灾区 is a site."""
    covered = sum(end - start for _, start, end in gazetteer().find_all(name))
    return covered == len(name) or len(name) <= 5


def _site_type(name: str, ctx: ArticleContext | None) -> str:
    if name.endswith(("项目", "工程")):
        return "Project"
    kind = classify(name, ctx)
    return kind[0] if kind else "Organization"
