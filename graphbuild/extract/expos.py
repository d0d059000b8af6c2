"""exhibits_at (Org/Place → Expo), with the number of exhibitors when the page gives it.

    青山区…精选18家企业参展            → 青山区 exhibits_at <the article's expo> (count 18)
    A、B、C共组织54家企业参展           → A, B, C exhibit (a total is no one member's count)
    我市54家经营主体…参展               → <home city> (count 54)
    我市共组织30家企业参展，其中A组织12家 → A (count 12)
    A亮相/参加第五届X博览会             → A exhibits at that expo
    …参展，既有X等知名品牌 / 参展企业包括A、B → X, A, B exhibit
The expo is the one the article names; without one nothing is emitted.
"""

from __future__ import annotations

import re

from graphbuild.extract.base import ArticleContext
from graphbuild.extract.common import (
    CLAUSE_BREAKS,
    Named,
    canonical,
    classify,
    division,
    event_after,
    events_of_sentences,
    segment_start,
    sentence_subjects,
)
from graphbuild.lexicon.events import EVENT_NOUNS
from graphbuild.model import Fact
from graphbuild.nlp.numbers import parse_count

# 参展, or 参加/亮相 an expo the sentence names (组织20家企业参加第五届X博览会).
_EXHIBIT_RE = re.compile(r"参展|参加|亮相|带来|展出|展示")
_SHOWS = frozenset({"带来", "展出", "展示"})
_NO_OBJECT_RE = re.compile(r"[，。；,;]|$")
# 组织参展企业开展培训: 参展企业 is whom the subject acts on, and the clause does something else.
_EXHIBITORS_AS_OBJECT_RE = re.compile(r"(?:企业|商|单位)[^，。；,;]{0,12}?(?:开展|进行|召开|举办|举行)")
# A subject acting on the exhibitors (A对参展企业开展指导, 为办好参展工作) is no exhibitor itself.
_ACTS_ON_EXHIBITORS_RE = re.compile(r"[对为给向帮]|指导|服务|办好")
# …参展，既有X等知名品牌 / 参展企业包括A、B和C: exhibitors named as examples.
_EXAMPLES_RE = re.compile(r"(?:既有|包括|其中有|其中|如)([^，。；]{2,60}?)(等|[，。；]|$)")
# A sentence breaking the previous one's total down: 其中，A组织12家…
_FOLLOW_UP_RE = re.compile(r"其中")
_COUNT_RE = re.compile(r"(\d+)\s*(?:多|余)?\s*家")
# 我市共组织30家企业参展，其中A组织12家、B组织8家: each named part with its own count.
# Digits may be letter-spaced by the layout (1 5 家).
_PART_RE = re.compile(r"(?:其中|其中，)?([^，。；、]{2,20}?)(?:组织|精选|选派|推荐)了?\s*(\d[\d\s]*?)\s*家")


# An expo's name ends in one of these nouns: an article naming none has no expo.
_EXPO_NOUN_RE = re.compile("|".join(sorted(n for n, kind in EVENT_NOUNS.items() if kind == "Expo")))


def extract(ctx: ArticleContext) -> list[Fact]:
    joined = ctx.joined()[0]
    if not _EXPO_NOUN_RE.search(joined) or not _EXHIBIT_RE.search(joined):
        return []  # no expo, or no verb that makes anyone its exhibitor
    expo = _article_expo(ctx)
    if expo is None:
        return []
    merged: dict[str, Fact] = {}
    follows_exhibitors = False  # the previous sentence named exhibitors
    for k, sentence in enumerate(ctx.sentences):
        text = sentence.text.text
        # A sentence exhibits by a verb, or breaks down the exhibitors just named (其中…).
        read = _EXHIBIT_RE.search(text) or (follows_exhibitors and _FOLLOW_UP_RE.match(text))
        found = _exhibitors(ctx, k, expo, follows_exhibitors) if read else []
        follows_exhibitors = bool(found)
        for fact in found:
            _merge(merged, fact)
    return list(merged.values())


def _merge(merged: dict[str, Fact], fact: Fact) -> None:
    """One fact per exhibitor however spelt: the first found, with the first count and the
    fullest name (青山 and 青山区 are one exhibitor)."""
    old = merged.setdefault(_key(fact.s), fact)
    if old is fact:
        return
    if "count" not in old.q and "count" in fact.q:
        old.q["count"] = fact.q["count"]
    if len(fact.s) > len(old.s):
        old.s, old.s_subtype = fact.s, fact.s_subtype


def _article_expo(ctx: ArticleContext) -> Named | None:
    # An expo's event noun is in its sentence: unless the article's events are known already,
    # only the sentences with an expo noun are read.
    events = ctx.cache.get("events") or events_of_sentences(ctx, ctx.sentences_matching(_EXPO_NOUN_RE))
    expos = [ev for _, ev in events if ev.subtype == "Expo"]
    return max(expos, key=lambda ev: len(ev.name)) if expos else None


def _key(name: str) -> str:
    """One key for the spellings of an exhibitor: 宽城/宽城区 (gazetteer), 青山/青山区."""
    known = division(name)
    if known:
        return known.name
    return name[:-1] if len(name) > 2 and name.endswith(("区", "县", "旗")) else name


def _exhibitors(ctx: ArticleContext, k: int, expo: Named, follows_exhibitors: bool) -> list[Fact]:
    """Exhibitors of sentence k: the subjects of each exhibiting verb (one per clause in
    `A组织11家企业参展；B组织8家企业参展`), the examples after it (既有X等), and the parts with
    their counts (A组织12家) when the sentence exhibits or follows one that did."""
    text = ctx.sentences[k].text.text
    facts: list[Fact] = []
    exhibiting = False
    for verb in _EXHIBIT_RE.finditer(text):
        if verb.group() == "参展" and _EXHIBITORS_AS_OBJECT_RE.match(text, verb.end()):
            continue
        target = expo
        if (verb.group() == "亮相" and _NO_OBJECT_RE.match(text, verb.end())) or verb.group() in _SHOWS:
            # A公司携新品亮相。/ A公司带来了新品: a firm showing itself or its goods in an expo
            # article shows at that expo
            facts += [f for f in _subject_exhibitors(ctx, k, expo, verb) if f.s_subtype == "Enterprise"]
            continue
        if verb.group() != "参展":
            named = event_after(text, verb.end())
            if named is None or named.subtype != "Expo" or named.type != "Event":
                continue
            target = named  # 亮相第五届X博览会: the expo the sentence names
        exhibiting = True
        facts += _subject_exhibitors(ctx, k, target, verb) + _example_exhibitors(ctx, k, target, verb.end())
    if exhibiting or (follows_exhibitors and _FOLLOW_UP_RE.match(text)):
        facts += _part_exhibitors(ctx, k, expo)
    return facts


def _fact(ctx: ArticleContext, k: int, name: str, kind: tuple[str, str | None], expo: Named, rule: str,
          span: tuple[int, int], count: int | None = None) -> Fact:
    q = {"count": count} if count is not None else {}
    return ctx.fact(canonical(name, ctx), kind[0], "exhibits_at", expo.name, "Event", ctx.sentences[k],
                    f"expos.exhibits_at.{rule}", q=q, s_subtype=kind[1], o_subtype="Expo", span=span)


def _subject_exhibitors(ctx: ArticleContext, k: int, expo: Named, verb: re.Match[str]) -> list[Fact]:
    text = ctx.sentences[k].text.text
    subjects = sentence_subjects(text, verb.start(), ctx)
    if not subjects or _ACTS_ON_EXHIBITORS_RE.search(text, subjects[-1].end, verb.start()):
        return []
    count = _count(text[subjects[-1].end:verb.start()]) if len(subjects) == 1 else None
    return [_fact(ctx, k, s.name, (s.type, s.subtype), expo, "canzhan", (s.start, verb.end()), count)
            for s in subjects]


def _part_exhibitors(ctx: ArticleContext, k: int, expo: Named) -> list[Fact]:
    """`其中A组织12家、B组织8家` / `A组织11家企业参展；B组织6家企业，…`: each named part with its
    count (a total's subject, 我市共组织…, ends in 共 and reads as no name)."""
    text = ctx.sentences[k].text.text
    facts = []
    for m in _PART_RE.finditer(text):
        kind = classify(m.group(1), ctx)
        if kind and "其中" not in m.group(1) and not _last_of_a_list(text, m.start(1)):
            count = int(re.sub(r"\s", "", m.group(2)))
            facts.append(_fact(ctx, k, m.group(1), kind, expo, "part", (m.start(1), m.end()), count))
    return facts


def _last_of_a_list(text: str, start: int) -> bool:
    """`A、B、C组织78家`: C closes a list of names sharing one total (no count of its own before)."""
    if start == 0 or text[start - 1] != "、":
        return False
    return not re.search(r"\d", text[segment_start(text, start, CLAUSE_BREAKS):start])


def _example_exhibitors(ctx: ArticleContext, k: int, expo: Named, after: int) -> list[Fact]:
    text = ctx.sentences[k].text.text
    facts = []
    for m in _EXAMPLES_RE.finditer(text, after):
        listed_with_deng = m.group(2) == "等"  # 既有X等…: X is a name; otherwise it must read as one
        for item in re.split(r"、|和|及", m.group(1)):
            if not 2 <= len(item) <= 20 or re.search(r"[的了]|企业$|产品$", item):
                continue
            kind = classify(item, ctx) or (("Organization", "Enterprise") if listed_with_deng else None)
            if kind:
                facts.append(_fact(ctx, k, item, kind, expo, "example", (m.start(1), m.end())))
    return facts


def _count(text: str) -> int | None:
    m = _COUNT_RE.search(text)
    return parse_count(m.group()) if m else None
