"""exhibits_at (Org/Place → Expo), with the number of exhibitors when the page gives it.

    铁东区…精选17家企业参展            → 铁东区 exhibits_at <the article's expo> (count 17)
    A、B、C共组织54家企业参展           → A, B, C exhibit (a total is no one member's count)
    我市54家经营主体…参展               → <home city> (count 54)
    …参展，既有X等知名品牌              → X exhibits
The expo is the one the article names; without one nothing is emitted.
"""

from __future__ import annotations

import re

from graphbuild.extract.base import ArticleContext
from graphbuild.extract.common import (
    Named,
    article_events,
    canonical,
    classify,
    division,
    event_after,
    sentence_subjects,
)
from graphbuild.model import Fact
from graphbuild.nlp.numbers import parse_count

# 参展, or 参加/亮相 an expo the sentence names (组织20家企业参加第五届X博览会).
_EXHIBIT_RE = re.compile(r"参展|参加|亮相")
_EXAMPLES_RE = re.compile(r"(?:既有|包括|其中有|其中|如)([^，。；]{2,40}?)等")
_COUNT_RE = re.compile(r"(\d+)\s*(?:多|余)?\s*家")
# 我市共组织30家企业参展，其中A组织12家、B组织8家: each named part with its own count.
_PART_RE = re.compile(r"(?:其中|其中，)?([^，。；、]{2,20}?)(?:组织|精选|选派|推荐)了?(\d+)\s*家")


def extract(ctx: ArticleContext) -> list[Fact]:
    expo = _article_expo(ctx)
    if expo is None:
        return []
    merged: dict[str, Fact] = {}
    for k in range(len(ctx.sentences)):
        for fact in _exhibitors(ctx, k, expo):
            key = _key(fact.s)
            old = merged.get(key)
            if old is None:
                merged[key] = fact
                continue
            if "count" not in old.q and "count" in fact.q:
                old.q["count"] = fact.q["count"]
            if len(fact.s) > len(old.s):  # 青山 and 青山区 are one exhibitor: keep the full name
                old.s, old.s_subtype = fact.s, fact.s_subtype
    return list(merged.values())


def _article_expo(ctx: ArticleContext) -> Named | None:
    expos = [ev for _, ev in article_events(ctx) if ev.subtype == "Expo"]
    return max(expos, key=lambda ev: len(ev.name)) if expos else None


def _key(name: str) -> str:
    """One key for the spellings of an exhibitor: 铁东/铁东区 (gazetteer), 青山/青山区."""
    known = division(name)
    if known:
        return known.name
    return name[:-1] if len(name) > 2 and name.endswith(("区", "县", "旗")) else name


def _exhibitors(ctx: ArticleContext, k: int, expo: Named) -> list[Fact]:
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    for verb in _EXHIBIT_RE.finditer(text):
        if verb.group() != "参展":
            named = event_after(text, verb.end())
            if named is None or named.subtype != "Expo" or named.type != "Event":
                continue
            expo = named  # 亮相第五届X博览会: the expo the sentence names
        subjects = sentence_subjects(text, verb.start(), ctx)
        if not subjects:
            continue
        between = text[subjects[-1].end:verb.start()]
        count = _count(between) if len(subjects) == 1 else None
        for subject in subjects:
            q = {"count": count} if count is not None else {}
            facts.append(ctx.fact(canonical(subject.name, ctx), subject.type, "exhibits_at", expo.name,
                                  "Event", sentence, "expos.exhibits_at.canzhan", q=q,
                                  s_subtype=subject.subtype, o_subtype="Expo",
                                  span=(subject.start, verb.end())))
        for m in _PART_RE.finditer(text, verb.end()):
            kind = classify(m.group(1), ctx)
            if kind and text.find("其中", verb.end(), m.end()) >= 0:
                facts.append(ctx.fact(canonical(m.group(1), ctx), kind[0], "exhibits_at", expo.name, "Event",
                                      sentence, "expos.exhibits_at.part", q={"count": int(m.group(2))},
                                      s_subtype=kind[1], o_subtype="Expo", span=(m.start(1), m.end())))
        for m in _EXAMPLES_RE.finditer(text, verb.end()):
            for item in re.split(r"、|和|及", m.group(1)):
                if 2 <= len(item) <= 20 and not re.search(r"[的了]|企业$|产品$", item):
                    facts.append(ctx.fact(item, "Organization", "exhibits_at", expo.name, "Event", sentence,
                                          "expos.exhibits_at.example", s_subtype="Enterprise",
                                          o_subtype="Expo", span=(m.start(1), m.end())))
        break
    return facts


def _count(text: str) -> int | None:
    m = _COUNT_RE.search(text)
    return parse_count(m.group()) if m else None
