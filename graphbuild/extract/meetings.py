"""presides and attends (Person → Event).

    市长A主持召开X会议 / A主持座谈会 / 会议由A主持   → A presides
    B、C参加会议 / D出席 / E列席 / 到会 / 出席…的还有F → attends
    G…并召开座谈会 / G在X座谈会上强调               → G attends (whoever convenes or speaks)
    H出席并致辞 / H宣布…开幕                        → H attends the event the article names
A bare noun (会议, 座谈会, 开幕式) takes the fuller name the article gives that event; whoever
presides is not also counted as attending.
"""

from __future__ import annotations

import re

from graphbuild.extract.base import ArticleContext
from graphbuild.extract.common import (
    CuedRule,
    Named,
    apply_rules,
    clause_of,
    context_event,
    event_after,
    event_name,
    event_opening,
    events_in_title_phrase,
    persons_in,
    segment_start,
)
from graphbuild.lexicon.events import CEREMONY_PARTS, EVENT_NOUN_RE
from graphbuild.model import Fact, Sentence

_PRESIDE_RE = re.compile(r"主持召开|主持")
_BY_PRESIDE_RE = re.compile(r"由[^，。；由]{2,25}?主持")
_ATTEND_RE = re.compile(r"出席|参加|列席|召开|与会|到会")
# 出席并致辞 / 出席。: attending the event the article is about (no object named).
_NO_OBJECT_RE = re.compile(r"(?:了)?(?:并|，|。|$)")
# Roles only a participant plays: 宣布开工, 致辞, 剪彩.
_ROLE_RE = re.compile(r"宣布[^，。；]{0,20}?(?:开工|开幕|开赛|启动|开班|开营|成立|闭幕)|致辞|致欢迎辞|"
                      r"剪彩|揭牌")
# 参加会议的还有A、B: the persons after the phrase attend.
_ALSO_PRESENT_RE = re.compile(r"(?:出席|参加|列席)([^，。；的]{1,20}?)的"
                              r"(?:领导|嘉宾|人员|同志|市领导)?(?:还)?有")
# Nouns that a 出席/参加+event phrase modifies (出席会议代表, 参加活动的人员).
_MODIFIES_NOUN_RE = re.compile(r"的?(?:代表|人员|嘉宾|群众|人数)")
_SPEAK_AT_MEETING_RE = re.compile(r"在(?:会上|会议上)(?:强调|指出|讲话|表示|要求|发言|致辞|作报告)")
_SPEAK_AT_RE = re.compile(r"上(?:强调|指出|讲话|表示|要求|发言|致辞|作报告)")
# The words some rule needs in a sentence: 主持, the attending verbs and roles; or 在 with 上 or
# 期间 (在X会上强调, 在X期间).
_TRIGGER_RE = re.compile(r"主持|出席|参加|列席|召开|与会|到会|宣布|致辞|致欢迎辞|剪彩|揭牌")
_SPOKEN_AT_RE = re.compile(r"上|期间")
# Only a session is presided over or spoken at 会上.
_SESSIONS = frozenset({"Meeting", "Training"})


def extract(ctx: ArticleContext) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[str, str, str]] = set()
    # Every fact has a person of the sentence as its subject, and a rule's cue word in it.
    for k in ctx.sentences_with_persons():
        text = ctx.sentences[k].text.text
        if not _TRIGGER_RE.search(text) and not ("在" in text and _SPOKEN_AT_RE.search(text)):
            continue
        for fact in apply_rules(_RULES, ctx, k):
            key = (fact.s, fact.p, fact.o)
            if key not in seen:
                seen.add(key)
                facts.append(fact)
    # Whoever presides is not also counted as attending (主持会议并讲话).
    presiding = {(f.s, f.o) for f in facts if f.p == "presides"}
    facts = [f for f in facts if f.p != "attends" or (f.s, f.o) not in presiding]
    return _one_per_event(facts)


def _one_per_event(facts: list[Fact]) -> list[Fact]:
    """Attending an event's opening (X开幕式) and the event X is one attendance: keep the first."""
    kept: list[Fact] = []
    for fact in facts:
        event = _without_ceremony(fact.o)
        if not any(f.p == fact.p and f.s == fact.s and _without_ceremony(f.o) == event for f in kept):
            kept.append(fact)
    return kept


def _without_ceremony(event: str) -> str:
    for part in CEREMONY_PARTS:
        if event.endswith(part) and len(event) > len(part):
            return event[:-len(part)]
    return event


def _presides(ctx: ArticleContext, k: int) -> list[Fact]:
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    for verb in _PRESIDE_RE.finditer(text):
        name = event_name(ctx, k, event_after(text, verb.end()))
        if name is None and _NO_OBJECT_RE.match(text, verb.end()) and "由" not in text[:verb.start()]:
            # 书记A主持并讲话: the meeting the sentence or article names
            name = context_event(ctx, k, subtypes=_SESSIONS)
        before = persons_in(ctx, k, segment_start(text, verb.start()), verb.start())
        if name and before:
            person = before[-1]  # the name nearest the verb presides
            facts.append(ctx.fact(person.name, "Person", "presides", name, "Event", sentence,
                                  "meetings.presides.zhuchi", span=(person.start, verb.end())))
    return facts


def _presided_by(ctx: ArticleContext, k: int) -> list[Fact]:
    """`会议由副市长X主持`: X presides the event that opens the clause."""
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    for m in _BY_PRESIDE_RE.finditer(text):
        start, _end = clause_of(text, m.start())
        head = text[start:m.start()]
        noun = EVENT_NOUN_RE.search(head)
        if noun is None:
            continue
        ev = event_opening(text, start, m.start()) or Named(noun.group(), noun.start(), noun.end(), "bare")
        name = event_name(ctx, k, ev)
        persons = persons_in(ctx, k, m.start(), m.end())
        if name and persons:
            facts.append(ctx.fact(persons[-1].name, "Person", "presides", name, "Event", sentence,
                                  "meetings.presides.you", span=(m.start(), m.end())))
    return facts


def _attends(ctx: ArticleContext, k: int) -> list[Fact]:
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    previous = 0
    for verb in _ATTEND_RE.finditer(text):
        if verb.group() == "召开" and text[max(0, verb.start() - 2):verb.start()] == "主持":
            previous = verb.end()
            continue  # 主持召开 is presiding, not attending
        event = event_after(text, verb.end())
        if event and _MODIFIES_NOUN_RE.match(text, event.end):
            previous = verb.end()
            continue  # 会见出席会议代表: 出席会议 describes the delegates met, nobody here attends
        name = event_name(ctx, k, event)
        if name is None and (verb.group() == "到会" or (verb.group() == "出席"
                                                    and _NO_OBJECT_RE.match(text, verb.end()))):
            name = context_event(ctx, k)  # 出席并致辞; 到会听取意见 (到会 is itself attending)
        start = max(previous, segment_start(text, verb.start()))
        previous = verb.end()
        if not name:
            continue
        rule = "meetings.attends.convenes" if verb.group() == "召开" else "meetings.attends.chuxi"
        for person in persons_in(ctx, k, start, verb.start()):
            facts.append(_attends_fact(ctx, sentence, person, name, rule, (person.start, verb.end())))
    return facts


def _attends_fact(ctx: ArticleContext, sentence: Sentence, person: Named, event: str, rule: str,
                  span: tuple[int, int]) -> Fact:
    return ctx.fact(person.name, "Person", "attends", event, "Event", sentence, rule, span=span)


def _plays_role(ctx: ArticleContext, k: int) -> list[Fact]:
    """`副省长A宣布项目开工` / `B致辞`: the person is at the event the article names."""
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    for m in _ROLE_RE.finditer(text):
        start, _end = clause_of(text, m.start())
        persons = persons_in(ctx, k, start, m.start())
        name = context_event(ctx, k) if persons else None
        for person in persons if name else []:
            facts.append(_attends_fact(ctx, sentence, person, name, "meetings.attends.role",
                                       (person.start, m.end())))
    return facts


def _also_present(ctx: ArticleContext, k: int) -> list[Fact]:
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    for m in _ALSO_PRESENT_RE.finditer(text):
        name = event_name(ctx, k, event_after(text, m.start() + 2, m.end(1)) or _bare(m.group(1)))
        if not name:
            continue
        stop = text.find("。", m.end())
        for person in persons_in(ctx, k, m.end(), stop if stop > 0 else None):
            facts.append(_attends_fact(ctx, sentence, person, name, "meetings.attends.also_present",
                                       (m.start(), person.end)))
    return facts


def _bare(noun: str) -> Named | None:
    m = EVENT_NOUN_RE.fullmatch(noun)
    return Named(noun, 0, len(noun), "bare") if m else None


def _speaks_at(ctx: ArticleContext, k: int) -> list[Fact]:
    """`A在X会上强调`: the speaker attended X."""
    sentence = ctx.sentences[k]
    text = sentence.text.text
    facts = []
    for ev in events_in_title_phrase(text):
        if not _SPEAK_AT_RE.match(text, ev.end):
            continue
        at = text.rfind("在", 0, ev.start)
        for person in persons_in(ctx, k, segment_start(text, at), at):
            facts.append(_attends_fact(ctx, sentence, person, ev.name, "meetings.attends.speaks",
                                       (person.start, ev.end)))
    for m in _SPEAK_AT_MEETING_RE.finditer(text):  # A在会上强调: the meeting just named
        name = context_event(ctx, k, subtypes=_SESSIONS)
        for person in persons_in(ctx, k, segment_start(text, m.start()), m.start()) if name else []:
            facts.append(_attends_fact(ctx, sentence, person, name, "meetings.attends.speaks",
                                       (person.start, m.end())))
    return facts


# Each reads one sentence; their order is the order facts are kept in.
# (each with the word its patterns need, if one word serves)
_RULES: tuple[CuedRule, ...] = (
    (_presides, "主持"), (_presided_by, "主持"), (_attends, ""), (_also_present, ""), (_speaks_at, "在"),
    (_plays_role, ""))
