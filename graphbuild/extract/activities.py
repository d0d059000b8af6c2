"""organizes (Org/Place → Event) and held_in (Event → Place or venue).

    近日，A联合B在C开展X活动。      → A organizes X, B organizes X
    由A主办、B承办的X / A负责具体组织实施 → A (and B) organize X
    X会议在区政府召开。 / 在Y召开X会议 / X于…在Y开幕 → X held_in Y
    A与B在Y签订X协议 (and the article tells of a 签约仪式) → the signing held_in Y
A statement of duty, plan or habit (要开展, 将举办, 定期组织) is not an event; nor is what a
meeting "指出" or "强调". Titles only speak for an article whose body names no organiser.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from graphbuild.extract.base import ArticleContext
from graphbuild.extract.common import (
    CuedRule,
    Named,
    apply_rules,
    article_topic,
    canonical,
    classify,
    clause_of,
    clause_spans,
    context_event,
    could_be_topic_prefix,
    event_after,
    event_name,
    event_opening,
    lead_end,
    names_event,
    resolve_event,
    sentence_subjects,
    split_names,
)
from graphbuild.lexicon.events import (
    ANAPHORA_RE,
    EVENT_NOUN_RE,
    EVENT_NOUNS,
    MODAL_RE,
    ORGANIZE_VERB_RE,
    ORGANIZE_VERBS,
    REPORTED_SPEECH_RE,
    ROUTINE_MEETING_RE,
    VENUE_VERBS,
    ZUZHI,
)
from graphbuild.model import Fact, Sentence

# 由A主办、B承办 (the bodies after 由 organise the sentence's event).
# 由A具体组织实施 / 由A负责承办: the adverbs are not part of A's name.
_BY_RE = re.compile(r"由([^，。；由]{2,30}?)(?:联合|共同|负责|具体)*"
                    r"(?:主办|承办|举办|" + ZUZHI + r"|发起|协办)")
# 、B承办、C协办的X: more roles before the event a 由-phrase names.
# The roles may also follow in comma clauses: 由A主办，B承办的X.
_ROLE_TAIL_RE = re.compile(r"((?:[、，,][^，,。；的、]{2,30}?(?:主办|承办|协办))*)的")
_MORE_ROLES_RE = re.compile(r"[、，,]([^，,。；的、]{2,30}?)(?:主办|承办|协办)")
# Between the subject and the verb: the subject takes part in someone else's event.
_TAKES_PART_RE = re.compile(r"参加|出席|应邀|受邀")
# What a venue's name never holds (a particle, an area in general, a time).
_NOT_A_VENUE_RE = re.compile(r"[的了着]|辖区|各地|线上|网上|现场|期间|基础上|过程中")
_CARRY_OUT_RE = re.compile(r"负责(?:具体)?组织实施|具体组织实施")
_ROLE_CLAUSE_RE = re.compile(r"([^，。；]{2,30}?)(?:联合|共同)?(?:主办|承办|协办)。?")
_VENUE_RE = re.compile(r"在([^，。；在于]{2,25}?)(?:隆重|顺利|正式|成功|集中|主持)?$")
# Words for "here", "then" or "everywhere" that stand where a venue would.
_DEICTIC_PLACE_RE = re.compile(r"(?:今|昨|明|前|当|本)天|(?:今|昨|明|当)日|日前|近日|近期|目前|随后|"
                               r"这里|那里|此|此地|当地|全国|全省|全市|全县|全区|国内|省内|市内")
# The site of a named project or park: 青山区光明产业园项目现场.
_NAMED_SITE_RE = re.compile(r"([\u4e00-\u9fff]{4,}(?:项目|工程|园|园区|基地|工地))(?:建设|施工)?现场")
_VENUE_VERB_RE = re.compile("|".join(VENUE_VERBS).replace("组织", ZUZHI))
# A与B在Y签订X协议: where the agreement was signed is where its ceremony was held.
_SIGNED_AT_RE = re.compile(r"在([^，。；在于与和]{2,25}?)(?:正式|共同|成功)?(?:签订|签署)了?"
                           r"[\u4e00-\u9fff“”]{2,14}?(?:协议书|协议|合同|备忘录)")


# The verbs some rule needs in a sentence to read anything from it: organising and venue verbs,
# the roles after 由 (发起, 协办) and signing (签订, 签署). Other sentences are not read.
_TRIGGER_RE = re.compile("|".join(sorted({*ORGANIZE_VERBS, *VENUE_VERBS, "发起", "协办", "签订", "签署"})))


def extract(ctx: ArticleContext) -> list[Fact]:
    body, titles = [], []
    for k in ctx.sentences_matching(_TRIGGER_RE):
        facts = apply_rules(_RULES, ctx, k)
        (titles if ctx.sentences[k].in_title else body).extend(facts)
    predicates = {f.p for f in body}
    if any("主持" in s.text.text for s in ctx.sentences if not s.in_title):
        predicates.add("organizes")  # the body names who presided: the title's 市政府召开 restates it
    return body + [f for f in titles if f.p not in predicates]


def _organizes(ctx: ArticleContext, k: int) -> list[Fact]:
    sentence = ctx.sentences[k]
    text = sentence.text.text
    if not names_event(ctx, k) or REPORTED_SPEECH_RE.match(text):
        return []
    facts = []
    for verb in ORGANIZE_VERB_RE.finditer(text):
        if verb.group() == "主持召开":
            continue  # a person presides; meetings.py reads it
        ev = event_after(text, verb.end())
        name = event_name(ctx, k, ev) if ev and ev.type == "Event" else None
        if not name or ROUTINE_MEETING_RE.search(name):
            continue
        subjects = _organizers(ctx, text, verb.start(), name)
        if ev.subtype == "SigningCeremony" and len(subjects) > 1:
            continue  # A与B举行签约仪式: the parties sign; neither is said to organise the ceremony
        for subject in subjects:
            facts.append(_organizes_fact(ctx, sentence, subject, name, ev.subtype, verb.group(),
                                         (subject.start, ev.end)))
    return facts


def _organized_by(ctx: ArticleContext, k: int) -> list[Fact]:
    """`本次活动由A主办、B承办` / `由A主办的X`: A (and B) organise the event named around it."""
    if not names_event(ctx, k):
        return []
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    for m in _BY_RE.finditer(text):
        start, end = clause_of(text, m.start())
        tail = _ROLE_TAIL_RE.match(text, m.end())
        ev = event_after(text, tail.end()) if tail else None
        ev = ev or event_opening(text, start, m.start()) or _bare_opening(text, start, m.start())
        name = event_name(ctx, k, ev)
        if not name:
            continue
        more = _MORE_ROLES_RE.findall(tail.group(1)) if tail else []
        for org in split_names(m.group(1), ctx) + more + _co_hosts(text, end, ctx):
            kind = classify(org, ctx)
            if kind:
                organizer = Named(org, m.start(), m.end(), *kind)
                facts.append(_organizes_fact(ctx, sentence, organizer, name, ev.subtype if ev else None,
                                             "you", m.span()))
    return facts


def _carries_out(ctx: ArticleContext, k: int) -> list[Fact]:
    """`文旅局负责具体组织实施`: the body that carries the event out organises it."""
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    for m in _CARRY_OUT_RE.finditer(text):
        subjects = sentence_subjects(text, m.start(), ctx)
        name = context_event(ctx, k) if subjects else None
        for subject in subjects if name else []:
            facts.append(_organizes_fact(ctx, sentence, subject, name, None, "shishi",
                                         (subject.start, m.end())))
    return facts


def _organizes_fact(ctx: ArticleContext, sentence: Sentence, org: Named, event: str,
                    event_subtype: str | None, rule: str, span: tuple[int, int]) -> Fact:
    return ctx.fact(canonical(org.name, ctx), org.type, "organizes", event, "Event", sentence,
                    f"activities.organizes.{rule}", s_subtype=org.subtype, o_subtype=event_subtype,
                    span=span)


def _co_hosts(text: str, after: int, ctx: ArticleContext) -> list[str]:
    """`…由A主办，B承办，C协办`: the bodies of the clauses that follow and name their role only."""
    names = []
    for start, end in clause_spans(text):
        if start < after:
            continue
        m = _ROLE_CLAUSE_RE.fullmatch(text, start, end)
        if not m:
            break
        names += split_names(m.group(1), ctx)
    return names


def _bare_opening(text: str, start: int, end: int) -> Named | None:
    """`本次活动由…`, `会议在县政府召开`: a bare or anaphoric event noun opening the clause."""
    head = text[lead_end(text, start, end):end].strip()
    noun = EVENT_NOUN_RE.search(head)
    if noun and noun.end() == len(head) and (noun.start() == 0 or ANAPHORA_RE.match(head)):
        return Named(head, start, end, "bare", EVENT_NOUNS[noun.group()])
    return None


def _organizers(ctx: ArticleContext, text: str, verb_at: int, event: str) -> list[Named]:
    subjects = sentence_subjects(text, verb_at, ctx)
    if not subjects:
        # No subject, but the event carries the article topic's name (X专场推介会): X organised it.
        topic = article_topic(ctx) if could_be_topic_prefix(ctx, event) else None
        return [topic] if topic and event.startswith(topic.name) else []
    between = text[subjects[-1].end:verb_at]
    if MODAL_RE.search(between) or _TAKES_PART_RE.search(between):
        return []
    return subjects


def _held_in(ctx: ArticleContext, k: int) -> list[Fact]:
    if not names_event(ctx, k):
        return []
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    spans = clause_spans(text)
    for verb in _VENUE_VERB_RE.finditer(text):
        clause_index = bisect_right(spans, (verb.start(), len(text) + 1)) - 1
        if clause_index < 0:
            continue
        start, _end = spans[clause_index]
        venue = _VENUE_RE.search(text, max(start, verb.start() - 30), verb.start())
        if not venue:
            continue
        ev = (event_after(text, verb.end()) or event_opening(text, start, venue.start())
              or _bare_opening(text, start, venue.start()))
        if ev is None and clause_index and text.startswith("在", start):
            ev = event_opening(text, *spans[clause_index - 1])  # 签约仪式，在总部举行
        name = event_name(ctx, k, ev)
        place = venue.group(1)
        if not name or not _venue_ok(place):
            continue
        kind = classify(place, ctx)
        facts.append(ctx.fact(name, "Event", "held_in", canonical(place, ctx), "Place", sentence,
                              f"activities.held_in.{verb.group()}", s_subtype=ev.subtype if ev else None,
                              o_subtype=kind[1] if kind and kind[0] == "Place" else "Venue",
                              span=(venue.start(), verb.end())))
    return facts


def _signed_at(ctx: ArticleContext, k: int) -> list[Fact]:
    """`A与B在Y签订X协议。…出席签约仪式`: the signing ceremony the article tells of was held in Y."""
    sentence = ctx.sentences[k]
    text = sentence.text.text
    if "签" not in text or "签约仪式" not in ctx.article.body.text:
        return []
    facts = []
    for m in _SIGNED_AT_RE.finditer(text):
        place = m.group(1)
        bare = Named("签约仪式", m.start(), m.end(), "bare")
        name = resolve_event(ctx, k, bare) if _venue_ok(place) else None
        if name:
            kind = classify(place, ctx)
            facts.append(ctx.fact(name, "Event", "held_in", canonical(place, ctx), "Place", sentence,
                                  "activities.held_in.signed_at", s_subtype="SigningCeremony",
                                  o_subtype=kind[1] if kind and kind[0] == "Place" else "Venue",
                                  span=m.span()))
    return facts


def _venue_ok(place: str) -> bool:
    if _DEICTIC_PLACE_RE.fullmatch(place):
        return False
    site = _NAMED_SITE_RE.fullmatch(place)  # X项目现场 is a venue; 现场 alone is not
    name = site.group(1) if site else place
    return not _NOT_A_VENUE_RE.search(name)


# Each reads one sentence; their order is the order facts are kept in.
# (each with the word its patterns need, if one word serves: 由A主办, 组织实施, 在Y召开, 签订)
_RULES: tuple[CuedRule, ...] = (
    (_organizes, ""), (_organized_by, "由"), (_carries_out, "组织实施"), (_held_in, "在"), (_signed_at, "签"))
