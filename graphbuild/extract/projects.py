"""hosts (Place/Org → Project, with investment_cny) and invests_in (Org → Project).

    总投资5亿元的X项目在Y开工 / X项目落户Y / 位于Y的X项目 / Y区X项目开工 → Y hosts X
    …推动投资18亿元的X项目、…   → <clause's place, else the article's place> hosts X (1.8e9)
    聚焦X项目等已开工项目         → hosts X (a named example of the article's projects)
    抓好A片区B科技园和C产业园建设  → A hosts B, A hosts C
    甲投资5亿元(在Y)建设X项目 / 由甲投资建设的X项目 → 甲 invests_in X (5e8) (and Y hosts X)
investment_cny is a project's own total only (never a sum over several projects).
"""

from __future__ import annotations

import re

from graphbuild.extract.base import ArticleContext
from graphbuild.extract.common import (
    CuedRule,
    Named,
    apply_rules,
    article_topic,
    classify,
    clause_spans,
    division,
    lead_end,
    sentence_subjects,
)
from graphbuild.model import Fact
from graphbuild.nlp.numbers import MONEY_RE, parse_money

_INVEST_RE = re.compile(r"投资\s*(" + MONEY_RE.pattern + r")\s*(?:建设|兴建|新建|打造)?的")
_PROJECT_END = "项目"
_PROJECT_RE = re.compile(_PROJECT_END)
_EXAMPLE_RE = re.compile(r"项目等")
_LEFT_STOPS = re.compile(
    r".*(?:[，。；、：:,的“”]|聚焦|推动|推进|加快|建设|抓好|实施|围绕|包括|全力|积极|大力|重点|谋划|引进|"
    r"签约|签订了?|签署了?|开工|落地|储备|启动|完成|做好|打造|服务|跟踪|新建|续建|在建|以及|及|和|其中|"
    r"调研|考察|视察|察看|查看|观摩|走进|来到|前往|"
    r"(?<!所)在|于)")
_NOT_IN_PROJECT = re.compile(r"[与、]|举行|举办|召开|开展|签约|签订|参加|出席")
_GENERIC_RE = re.compile(r"重点|重大|产业|签约|在建|新建|续建|已开工|未入库|亿元以上|招商|大|储备|补短板|"
                         r"建设|工程|民生|示范|各类|一批|更多|优质|更好|高质量|\d+个?")
_PARK_CHAIN_RE = re.compile(
    r"([\u4e00-\u9fff]{2,12}?(?:片区|开发区|新区|区|县|镇|乡))"
    r"([\u4e00-\u9fff]{4,20}?(?:科技园|产业园|工业园|物流园|园区))"
    r"((?:(?:和|、|及)[\u4e00-\u9fff]{4,20}?(?:科技园|产业园|工业园|物流园|园区))*)"
    # Parks being built (…产业园建设); …产业园二期项目 is a project, read as one.
    r"(?![\u4e00-\u9fff]{0,4}项目)(?=建设|等[^，。；]{0,8}建设)")
# X项目在Y开工/落地/奠基 → Y hosts X.
_STARTS_IN_RE = re.compile(r"项目(?:正式|集中|顺利)?在([^，。；、在]{2,20}?)(?:正式|集中|顺利)?"
                           r"(?:开工|落地|奠基|投产|开建|动工|签约|建设)")
# 由X投资(建设)的Y项目 / Y项目由X投资(建设) / X投资(N元)建设Y项目 → X invests_in Y.
_INVESTED_BY_RE = re.compile(r"由([^，。；由]{2,30}?)(?:全资|独资|共同)?投资(?:兴建|建设|新建|打造)?的")
_INVESTOR_AFTER_RE = re.compile(r"项目由([^，。；由]{2,30}?)(?:全资|独资|共同)?投资")
# …X项目…，(将)由甲投资建设: the investor of the project the sentence names last.
_LATER_INVESTOR_RE = re.compile(r"[，,](?:将|拟|计划|主要)?由([^，。；由]{2,30}?)(?:全资|独资|共同)?投资"
                                r"(?:建设|兴建|新建|打造)?(?!的)")
# 位于Y的X项目 → Y hosts X.
_LOCATED_PROJECT_RE = re.compile(r"位于([^，。；、的]{2,20})的")
# X项目(正式)落户/落地/入驻Y → Y hosts X.
_SETTLES_RE = re.compile(r"项目(?:正式|成功|顺利)?(?:签约)?(?:落户|落地|入驻|选址)(?:在|于|到)?"
                         r"([^，。；、]{2,20}?)"
                         r"(?=[，。；]|$|并|后|以来)")
_COUNTY_CHAR_RE = re.compile(r"[区县旗市]")  # a place-prefixed name holds a county-level ending
# Words of a sum over several projects: 共签约项目9个, 累计, 合计.
_AGGREGATE_RE = re.compile(r"共|累计|合计|\d+个")
_OWN_TOTAL_RE = re.compile(r"(?:总投资|投资)\s*(?:" + MONEY_RE.pattern + r")\s*的")
# 该项目由X投资 / 此项目…: the project named just before.
_PROJECT_ANAPHOR_RE = re.compile(r"(?:该|此|这一|这个|上述)项目")
# A与B签订了X项目投资协议: B is the investor of X.
_INVEST_AGREEMENT_RE = re.compile(r"与([^，。；与]{2,30}?)(?:正式|成功|现场)?(?:签订|签署|签约)了?"
                                  r"([^，。；]{2,30}?项目)(?:投资|入驻|落户)(?:协议|合同)")
# X分会场开工的Y项目 / 在X分会场，…Y项目正式开工: X is where Y starts.
_VENUE_PLACE_RE = re.compile(r"在?([\u4e00-\u9fff]{2,12}?)(?:分会场|主会场)")
# 该产业园由甲投资建设: a park anaphor and its investor.
_PARK_ANAPHOR_RE = re.compile(r"(?:该|此|这一|这个)(产业园|工业园|科技园|物流园|园区)由([^，。；由]{2,30}?)"
                              r"(?:全资|独资|共同)?投资")
# 在A县，B走进/来到/察看X产业园: a tour stop names the area X lies in.
_TOUR_STOP_RE = re.compile(r"在([^，。；在]{2,12}?)，")
_VISITED_SITE_RE = re.compile(r"(?:走进|来到|察看了?|考察了?)(?:总投资[^，。；的]{1,12}的)?"
                              r"([\u4e00-\u9fff\d]{4,24}?(?:项目|产业园|工业园|科技园|物流园|园区))")
_TOUR_AREAS = frozenset({"City", "County", "District"})
# X项目(，)总投资N元 / 该项目总投资N元: a total stated after the project.
_TOTAL_AFTER_PROJECT_RE = re.compile(r"项目[，,]?(?:计划)?总投资\s*(" + MONEY_RE.pattern + ")")
_PARK_TOTAL_RE = re.compile(r"(?:该|此|这一|这个)(产业园|工业园|科技园|物流园|园区)[^。；]{0,40}?总投资\s*("
                            + MONEY_RE.pattern + ")")
# A县人民政府: the government of a place (the place signs through it).
_GOVERNMENT_RE = re.compile(r"(.{2,8}?)(?:人民政府|政府)")
_TOTAL_RE = re.compile(r"总投资\s*(" + MONEY_RE.pattern + ")")
# 甲(计划)投资N元(在Y)建设X项目 / 甲投资建设的X项目 → 甲 invests_in X (and Y hosts X).
_INVESTOR_RE = re.compile(r"(?:在(?P<place0>[^，。；在]{2,15}?))?"
                          r"投资\s*(?:(?P<money>" + MONEY_RE.pattern + r")\s*，?)?"
                          r"(?:在(?P<place>[^，。；在]{2,15}?))?(?:建设|兴建|新建|打造|实施)(?:了|的)?")
# Y区X项目正式开工: a project written after the place it is in.
_PLACE_PROJECT_RE = re.compile(r"项目(?:正式|集中|顺利|已)?(?:开工|签约|落地|投产|开建|竣工|动工)")
_CLAUSE_OR_LIST_RE = re.compile(r"[，。；、]")
_AND_RE = re.compile(r"和|、|及")

# What each rule needs in a sentence to read anything: 项目, 投资, a park (园), a venue (会场),
# 位于, or (_tour_stop: 在A县，B走进X产业园) the sentence opening with 在.
_TRIGGER_RE = re.compile(r"项目|投资|园|会场|位于")


def extract(ctx: ArticleContext) -> list[Fact]:
    kept: dict[tuple[str, str], Fact] = {}
    tour_stops = {k for k, sentence in enumerate(ctx.sentences) if sentence.text.text.startswith("在")}
    for k in sorted(tour_stops.union(ctx.sentences_matching(_TRIGGER_RE))):
        for fact in apply_rules(_RULES, ctx, k):
            first = kept.setdefault((fact.p, fact.o), fact)
            if first is not fact and "investment_cny" in fact.q:
                # The host came from an earlier sentence; the project's own total from this one.
                first.q.setdefault("investment_cny", fact.q["investment_cny"])
    facts = _one_per_project(list(kept.values()))
    untotalled = [f for f in facts if f.p == "hosts" and "investment_cny" not in f.q]
    totals = _article_totals(ctx) if untotalled else []
    for fact in untotalled:
        total = next((v for name, v in totals if _same_project(name, fact.o)), None)
        if total:
            fact.q["investment_cny"] = total
    return facts


def _same_project(a: str, b: str) -> bool:
    """One project written with or without the place and size before its name (白河县50万千瓦
    光伏项目 / 光伏项目)."""
    return a.endswith(b) or b.endswith(a)


def _one_per_project(facts: list[Fact]) -> list[Fact]:
    """The first fact of each (subject, predicate, project), whatever spelling the project has."""
    kept: list[Fact] = []
    for fact in facts:
        if not any(f.p == fact.p and f.s == fact.s and _same_project(f.o, fact.o) for f in kept):
            kept.append(fact)
    return kept


def _article_totals(ctx: ArticleContext) -> list[tuple[str, float]]:
    """(project, its own total) for each `总投资N元的X项目`, `X项目(，)总投资N元` and `…X项目…。
    该项目总投资N元` (the project named last, in this sentence or the two before) of the article."""
    out = []
    for k, sentence in enumerate(ctx.sentences):
        text = sentence.text.text
        if "投资" not in text:
            continue
        for m in _INVEST_RE.finditer(text):
            project = _project_after(text, m.end())
            amount = parse_money(m.group(1)) if project else None
            if project and amount:
                out.append((project.name, amount))
        for m in _TOTAL_AFTER_PROJECT_RE.finditer(text):
            amount = parse_money(m.group(1))
            project = project_before(text, m.start() + 2)
            if project is None and _PROJECT_ANAPHOR_RE.search(text, max(0, m.start() - 2), m.start() + 2):
                project = _antecedent_before(text, m.start()) or next(
                    (p for i in (k - 1, k - 2) if i >= 0
                     for p in [_antecedent_before(ctx.sentences[i].text.text, len(ctx.sentences[i].text))]
                     if p), None)
            if project and amount:
                out.append((project.name, amount))
        park = _PARK_TOTAL_RE.search(text) if k else None
        named = _park_before(ctx.sentences[k - 1].text.text, park.group(1)) if park else None
        amount = parse_money(park.group(2)) if named else None
        if named and amount:  # …X产业园。该产业园由甲投资建设，总投资N元
            out.append((named.name, amount))
    return out


def generic_project(name: str) -> bool:
    """A kind of project rather than a project's name (新能源产业项目, 重点项目)."""
    return name.endswith(_PROJECT_END) and len(_GENERIC_RE.sub("", name[:-2])) < 4


def project_before(text: str, end: int, start: int = 0) -> Named | None:
    """The project name ending at `end` (just after 项目), read back to a verb or delimiter."""
    start = max(start, end - 40)  # project names are short; keeps long unpunctuated text linear
    segment = text[start:end]
    m = _LEFT_STOPS.match(segment)
    begin = start + (m.end() if m else 0)
    name = text[begin:end].strip()
    if not name.endswith(_PROJECT_END) or len(_GENERIC_RE.sub("", name[:-2])) < 4:
        return None
    if _NOT_IN_PROJECT.search(name):
        return None  # 青山县与华远集团举行项目…: a clause, not a name
    return Named(name, begin, end, "Project")


def _project_after(text: str, start: int) -> Named | None:
    """The project named from `start` (a leading `总投资N元的` is its total, not its name)."""
    total = _OWN_TOTAL_RE.match(text, start)
    start = total.end() if total else start
    stop = text.find(_PROJECT_END, start, start + 40)
    if stop < 0 or _CLAUSE_OR_LIST_RE.search(text, start, stop):
        return None
    name = text[start:stop + 2]
    if len(_GENERIC_RE.sub("", name[:-2])) < 4:
        return None
    return Named(name, start, stop + 2, "Project")


def _host(ctx: ArticleContext, text: str, pos: int) -> Named | None:
    """The place the sentence is about, else the article's topic when that is a place."""
    subjects = [s for s in sentence_subjects(text, pos, ctx) if s.type == "Place"]
    if subjects:
        return subjects[0]
    topic = article_topic(ctx)  # (read only now: it costs a pass over every clause)
    return topic if topic and topic.type == "Place" else None


def _group_named(m: re.Match[str], group: int | str, kind: tuple[str, str | None]) -> Named:
    """A match group as a name of the given (type, subtype)."""
    return Named(m.group(group), m.start(group), m.end(group), *kind)


def _hosts_fact(ctx: ArticleContext, k: int, host: Named, project: Named, rule: str,
                q: dict | None = None) -> Fact:
    return ctx.fact(host.name, host.type, "hosts", project.name, "Project", ctx.sentences[k],
                    f"projects.hosts.{rule}", q=q, s_subtype=host.subtype, span=(project.start, project.end))


def _invests_fact(ctx: ArticleContext, k: int, investor: str, subtype: str | None, project: Named,
                  rule: str, span: tuple[int, int], q: dict | None = None) -> Fact:
    return ctx.fact(investor, "Organization", "invests_in", project.name, "Project", ctx.sentences[k],
                    f"projects.invests_in.{rule}", q=q, s_subtype=subtype, span=span)


def _invested(ctx: ArticleContext, k: int) -> list[Fact]:
    text = ctx.sentences[k].text.text
    facts = []
    for m in _INVEST_RE.finditer(text):
        project = _project_after(text, m.end())
        host = _host(ctx, text, m.start()) if project else None
        if host and _prefixed_by_other_place(project.name, host.name):
            continue  # 在A县…投资N元的B市X项目: B (read by _place_prefixed) hosts it, not A
        amount = parse_money(m.group(1)) if project else None
        if project and host:
            q = {"investment_cny": amount} if amount else {}
            facts.append(_hosts_fact(ctx, k, host, project, "invested", q))
    return facts


def _prefixed_by_other_place(project: str, host: str) -> bool:
    """The project's name opens with a county-level place other than `host` (or its short form)."""
    from graphbuild.extract.locations import anchors

    return any(start == 0 and not (name.startswith(host) or host.startswith(name))
               for name, _subtype, start, _end in anchors(project))


def _settles(ctx: ArticleContext, k: int) -> list[Fact]:
    """`X项目落户Y(，总投资N元)` → Y hosts X (a total stated after the project counts too)."""
    return _placed_projects(ctx, k, _SETTLES_RE, "settles", total_after=True)


def _starts_in(ctx: ArticleContext, k: int) -> list[Fact]:
    """`总投资21亿元的X项目在Y开工` → Y hosts X (with X's own total, when stated)."""
    return _placed_projects(ctx, k, _STARTS_IN_RE, "starts_in", total_after=False)


def _placed_projects(ctx: ArticleContext, k: int, pattern: re.Pattern[str], rule: str,
                     total_after: bool) -> list[Fact]:
    """`X项目<verb>Y` for a pattern opening at 项目 whose group 1 is the place Y."""
    text = ctx.sentences[k].text.text
    facts = []
    for m in pattern.finditer(text):
        project = project_before(text, m.start() + 2)
        kind = classify(m.group(1), ctx)
        if project is None or kind is None:
            continue
        host = _group_named(m, 1, kind)
        q = _own_total(text, project) or (_nearby_total(text, project) if total_after else {})
        facts.append(_hosts_fact(ctx, k, host, project, rule, q))
    return facts


def _nearby_total(text: str, project: Named) -> dict:
    """`X项目落户Y，总投资N元`: a total in the project's clause or the next one, unless that
    clause sums several projects (共签约项目9个，总投资…)."""
    spans = [span for span in clause_spans(text) if span[1] > project.start][:2]
    for start, end in spans:
        total = _TOTAL_RE.search(text, start, end)
        if total and not _AGGREGATE_RE.search(text, start, total.start()):
            amount = parse_money(total.group(1))
            return {"investment_cny": amount} if amount else {}
    return {}


def _own_total(text: str, project: Named) -> dict:
    """investment_cny when the project's own total precedes it: 总投资N元的X项目."""
    m = _INVEST_RE.search(text, max(0, project.start - 30), project.start + 1)
    if m and m.end() == project.start:
        amount = parse_money(m.group(1))
        return {"investment_cny": amount} if amount else {}
    return {}


def _invested_by(ctx: ArticleContext, k: int) -> list[Fact]:
    """`由甲投资建设的X项目` / `X项目(该项目)由甲投资` → 甲 invests_in X."""
    text = ctx.sentences[k].text.text
    facts = []
    found = [(m.group(1), _project_after(text, m.end())) for m in _INVESTED_BY_RE.finditer(text)]
    found += [(m.group(1), project_before(text, m.start() + 2) or _antecedent(text, m.start()))
              for m in _INVESTOR_AFTER_RE.finditer(text)]
    for investor, project in found:
        kind = _organization(investor, ctx)
        if project and kind:
            facts.append(_invests_fact(ctx, k, investor, kind[1], project, "by", (project.start, project.end),
                                       _own_total(text, project)))
    return facts


def _later_investor(ctx: ArticleContext, k: int) -> list[Fact]:
    """`…X项目…，将由甲投资建设` → 甲 invests_in the project the sentence names last."""
    text = ctx.sentences[k].text.text
    facts = []
    for m in _LATER_INVESTOR_RE.finditer(text):
        project = _antecedent_before(text, m.start())
        kind = _organization(m.group(1), ctx) if project else None
        if project and kind:
            span = (project.start, m.end())
            facts.append(_invests_fact(ctx, k, m.group(1), kind[1], project, "later", span))
    return facts


def _investor_of_previous_project(ctx: ArticleContext, k: int) -> list[Fact]:
    """`…X项目。该项目由甲投资`: 该项目 names the last sentence's project."""
    previous = ctx.sentences[k - 1].text.text if k else ""
    if not previous:
        return []
    text = ctx.sentences[k].text.text
    facts = []
    for m in _INVESTOR_AFTER_RE.finditer(text):
        project = None if project_before(text, m.start() + 2) else _antecedent(previous, len(previous), text)
        kind = _organization(m.group(1), ctx) if project else None
        if project and kind:
            facts.append(_invests_fact(ctx, k, m.group(1), kind[1], project, "by", m.span()))
    return facts


def _tour_stop(ctx: ArticleContext, k: int) -> list[Fact]:
    """`在A县，B走进X产业园` (A a county or city): A hosts the park or project visited there."""
    text = ctx.sentences[k].text.text
    stop = _TOUR_STOP_RE.match(text, lead_end(text, 0, len(text))) if text.startswith("在") else None
    kind = classify(stop.group(1), ctx) if stop else None
    if not kind or kind[0] != "Place" or kind[1] not in _TOUR_AREAS:
        return []
    site = _VISITED_SITE_RE.search(text, stop.end())
    if site is None or _prefixed_by_other_place(site.group(1), stop.group(1)):
        return []
    host = _group_named(stop, 1, kind)
    return [_hosts_fact(ctx, k, host, _group_named(site, 1, ("Project", None)), "tour_stop")]


def _investor_of_previous_park(ctx: ArticleContext, k: int) -> list[Fact]:
    """`…走进X产业园。该产业园由甲投资建设`: 该产业园 names the park the last sentence named."""
    text = ctx.sentences[k].text.text
    m = _PARK_ANAPHOR_RE.search(text) if k and "投资" in text else None
    kind = _organization(m.group(2), ctx) if m else None
    if not kind:
        return []
    park = _park_before(ctx.sentences[k - 1].text.text, m.group(1))
    if park is None:
        return []
    return [ctx.fact(m.group(2), "Organization", "invests_in", park.name, "Place", ctx.sentences[k],
                     "projects.invests_in.park_by", s_subtype=kind[1], o_subtype="Park", span=m.span())]


def _park_before(text: str, noun: str) -> Named | None:
    """The park ending in `noun` (产业园) that `text` names last, read back to a verb or mark."""
    end = text.rfind(noun) + len(noun)
    if end < len(noun):
        return None
    stops = _LEFT_STOPS.match(text, max(0, end - 30), end)
    begin = stops.end() if stops else max(0, end - 30)
    park = Named(text[begin:end], begin, end, "Place", "Park")
    return park if len(_GENERIC_RE.sub("", park.name[:-len(noun)])) >= 4 else None


def _organization(name: str, ctx: ArticleContext) -> tuple[str, str | None] | None:
    """(type, subtype) when `name` reads as an organisation (an investor), else None."""
    kind = classify(name, ctx)
    return kind if kind and kind[0] == "Organization" else None


def _antecedent(text: str, upto: int, anaphor_text: str | None = None) -> Named | None:
    """The project an anaphor (该项目) ending near `upto` stands for: the one named last before it
    in `text`. With `anaphor_text` the anaphor opens that next sentence instead (…项目。该项目…)."""
    if anaphor_text is None:
        anaphor = _PROJECT_ANAPHOR_RE.search(text, max(0, upto - 4), upto + 2)
        upto = anaphor.start() if anaphor else -1
    elif not _PROJECT_ANAPHOR_RE.match(anaphor_text, lead_end(anaphor_text, 0, len(anaphor_text))):
        upto = -1
    return _antecedent_before(text, max(upto, 0))


def _antecedent_before(text: str, pos: int) -> Named | None:
    """The project named last in text[:pos]."""
    found = None
    for m in _PROJECT_RE.finditer(text, 0, pos):
        found = project_before(text, m.end()) or found
    return found


def _investment_agreements(ctx: ArticleContext, k: int) -> list[Fact]:
    """`A与B签订了X项目投资协议`: B invests in X (A, the host side, signs for the place)."""
    text = ctx.sentences[k].text.text
    facts = []
    for m in _INVEST_AGREEMENT_RE.finditer(text) if "投资" in text else ():
        kind = _organization(m.group(1), ctx)
        project = _project_after(text, m.start(2))
        if kind and project and project.end == m.end(2):
            span = (m.start(1), m.end())
            facts.append(_invests_fact(ctx, k, m.group(1), kind[1], project, "agreement", span))
            host = _government_place(ctx, text, m.start())
            if host:  # A县人民政府与B签订: the county whose government signs hosts the project
                facts.append(_hosts_fact(ctx, k, host, project, "agreement", _own_total(text, project)))
    return facts


def _government_place(ctx: ArticleContext, text: str, pos: int) -> Named | None:
    """The place whose government is the clause's subject before pos (A县人民政府 → A县)."""
    subjects = sentence_subjects(text, pos, ctx)
    if len(subjects) != 1:
        return None
    m = _GOVERNMENT_RE.fullmatch(subjects[0].name)
    known = division(m.group(1)) if m else None
    return Named(m.group(1), subjects[0].start, subjects[0].end, "Place", known.subtype) if known else None


def _at_venue(ctx: ArticleContext, k: int) -> list[Fact]:
    """`X分会场开工的Y项目` / `在X分会场，…Y项目正式开工`: the place X hosts Y."""
    text = ctx.sentences[k].text.text
    venue = _VENUE_PLACE_RE.search(text) if "会场" in text else None
    kind = classify(venue.group(1), ctx) if venue else None
    if not venue or not kind or kind[0] != "Place":
        return []
    host = _group_named(venue, 1, kind)
    facts = []
    for m in _PLACE_PROJECT_RE.finditer(text, venue.end()):
        project = project_before(text, m.start() + 2)
        if project:
            facts.append(_hosts_fact(ctx, k, host, project, "venue", _own_total(text, project)))
    opened = re.match(r"(?:集中|同步|正式)?(?:开工|签约|奠基|开建)的", text[venue.end():])
    project = _project_after(text, venue.end() + opened.end()) if opened else None
    if project:
        facts.append(_hosts_fact(ctx, k, host, project, "venue"))
    return facts


def _located(ctx: ArticleContext, k: int) -> list[Fact]:
    text = ctx.sentences[k].text.text
    facts = []
    for m in _LOCATED_PROJECT_RE.finditer(text):
        kind = classify(m.group(1), ctx)
        project = _project_after(text, m.end()) if kind else None
        if kind and project:
            host = _group_named(m, 1, kind)
            facts.append(_hosts_fact(ctx, k, host, project, "located"))
    return facts


def _examples(ctx: ArticleContext, k: int) -> list[Fact]:
    text = ctx.sentences[k].text.text
    facts = []
    for m in _EXAMPLE_RE.finditer(text):
        project = project_before(text, m.start() + 2)
        host = _host(ctx, text, m.start()) if project else None
        if project and host:
            facts.append(_hosts_fact(ctx, k, host, project, "example"))
    return facts


def _parks(ctx: ArticleContext, k: int) -> list[Fact]:
    text = ctx.sentences[k].text.text
    facts = []
    for m in _PARK_CHAIN_RE.finditer(text) if "园" in text else ():  # the scan is costly: skip most
        place = _LEFT_STOPS.sub("", m.group(1)) if _LEFT_STOPS.match(m.group(1)) else m.group(1)
        kind = classify(place, ctx)
        if not kind or kind[0] != "Place":
            continue
        host = Named(place, m.start(1), m.end(1), "Place", kind[1])
        parks = [m.group(2), *[p for p in _AND_RE.split(m.group(3)) if p]]
        for park in parks:
            start = text.find(park, m.start(2))
            facts.append(_hosts_fact(ctx, k, host, Named(park, start, start + len(park)), "park"))
    return facts


def _investors(ctx: ArticleContext, k: int) -> list[Fact]:
    text = ctx.sentences[k].text.text
    facts = []
    for m in _INVESTOR_RE.finditer(text):
        if text.startswith("由", max(0, m.start() - 1)) or _INVESTED_BY_RE.search(text, 0, m.end()):
            continue  # 由甲投资建设的: _invested_by reads it
        subjects = [s for s in sentence_subjects(text, m.start(), ctx) if s.type == "Organization"]
        project = _project_after(text, m.end())
        if not subjects or project is None:
            continue
        org = subjects[0]
        amount = parse_money(m.group("money")) if m.group("money") else None
        q = {"investment_cny": amount} if amount else _own_total(text, project)
        span = (org.start, project.end)
        facts.append(_invests_fact(ctx, k, org.name, org.subtype, project, "touzi", span, q))
        group = "place" if m.group("place") else "place0"
        place = classify(m.group(group), ctx) if m.group(group) else None
        if place and place[0] == "Place":
            host = _group_named(m, group, place)
            facts.append(_hosts_fact(ctx, k, host, project, "invested_in_place", q))
    return facts


def _place_prefixed(ctx: ArticleContext, k: int) -> list[Fact]:
    """`青山区华远电池项目` (wherever it is named) → 青山区 hosts 华远电池项目: the place opens the
    name, and what follows it is a name of its own (not 青山区重点项目)."""
    from graphbuild.extract.locations import anchors

    text = ctx.sentences[k].text.text
    facts = []
    for m in _PROJECT_RE.finditer(text):
        if not _COUNTY_CHAR_RE.search(text, max(0, m.start() - 40), m.start()):
            continue  # no county-level ending within a name's reach: nothing to prefix
        project = project_before(text, m.end())
        if project is None or not _COUNTY_CHAR_RE.search(text, project.start, project.end):
            continue
        for name, subtype, start, end in anchors(text[project.start:project.end]):
            if start == 0 and len(_GENERIC_RE.sub("", text[project.start + end:project.end - 2])) >= 4:
                host = Named(name, project.start, project.start + end, "Place", subtype)
                rest = Named(text[project.start + end:project.end], project.start + end, project.end)
                facts.append(_hosts_fact(ctx, k, host, rest, "place_prefixed", _own_total(text, project)))
    return facts


# Rules naming the place come first: a project is hosted once, by its most explicit host.
# Each with the word its patterns need (_tour_stop's sentence opens with 在).
_RULES: tuple[CuedRule, ...] = (
    (_settles, "项目"), (_starts_in, "项目"), (_located, "位于"), (_parks, "园"), (_investors, "投资"),
    (_place_prefixed, "项目"), (_at_venue, "会场"), (_invested, "投资"), (_examples, "项目等"),
    (_tour_stop, "在"), (_invested_by, "投资"), (_later_investor, "投资"),
    (_investor_of_previous_project, "投资"), (_investor_of_previous_park, "投资"),
    (_investment_agreements, "投资"))
