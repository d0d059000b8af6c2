"""signs_with (Org ↔ Org, symmetric) and witnesses (Person → signing ceremony).

    A与B和C签订…协议            → A–B, A–C (A: the clause's subject, else the article's topic)
    A与B“…”签约仪式 / A和B签署  → A–B
    副市长甲代表市政府与B签订    → 市政府–B
    甲、乙见证了此次签约 / 在甲、乙的见证下 → each witnesses the article's signing ceremony
"""

from __future__ import annotations

import re

from graphbuild.extract.base import ArticleContext
from graphbuild.extract.common import (
    CLAUSE_BREAKS,
    Named,
    agreement_signing,
    article_events,
    article_topic,
    canonical,
    classify,
    context_event,
    lead_end,
    persons_in,
    segment_start,
    sentence_subjects,
)
from graphbuild.model import Fact

# Every signing verb and ceremony (签订, 签署, 签约, 签字仪式) has it.
_SIGN_CHAR_RE = re.compile("签")
_SIGN_RE = re.compile(r"(?:共同)?(?:签订|签署|签约)了?")
_PARTNERS_RE = re.compile(r"与([^，。；与]{2,80}?)(?:正式|成功|现场|共同|就[^，。]{0,20})?$")
_CEREMONY_RE = re.compile(r"([^，。；与]{2,25})与([^，。；与]{2,25}?)"
                          r"(?:“[^”]{1,20}”|(?:举行|举办)了?[^，。；与]{0,12}?)?签(?:约|字)仪式")
_WITNESS_RE = re.compile(r"(?:共同)?见证(?:了)?")
_WITNESSING_RE = re.compile("见证")  # in every match of _WITNESS_RE and _UNDER_WITNESS_RE
_SIGNING_AFTER_RE = re.compile(r"(?:此次|这次|本次)?(?:签约|签字|签署)")
# 在A，B公司董事长C的见证下: the phrase is closed by 见证下, so commas inside it still list witnesses.
_UNDER_WITNESS_RE = re.compile(r"在([^。；在]{2,80}?)(?:等)?(?:领导)?(?:的)?(?:共同)?见证下")
# 甲、乙共同见证。: the witnessing verb closing its clause, the signing being the article's.
_WITNESS_ENDS_RE = re.compile(r"[。；，,;]|$")
_BETWEEN_SIGNERS = re.compile(r"(?:双方|三方|共同|正式|现场|成功)*")
_ON_BEHALF_RE = re.compile(r"代表([^，。；与]{2,20})$")
# What may stand before 与 when the signer is the article's subject: 会上与…, 双方…
_NO_SUBJECT_RE = re.compile(r"(?:会上|会议期间|仪式上|签约仪式上|活动中|活动期间|期间|同时|还|并|先后)*")
_PARTNER_SPLIT_RE = re.compile(r"、|和|及|以及")
# What an agreement's name ends with (…战略合作协议, …合作框架协议, …投资合同).
_AGREEMENT_ENDS = ("协议", "合同", "备忘录", "意向书", "协议书")
# Verbs, particles and vague words that make a span a phrase rather than a name.
_NOT_PLAIN_RE = re.compile(r"[的了在将把对为]|相关|有关|各")


def extract(ctx: ArticleContext) -> list[Fact]:
    body: list[Fact] = []
    titles: list[Fact] = []
    for k in ctx.sentences_matching(_SIGN_CHAR_RE):
        kept = titles if ctx.sentences[k].in_title else body
        for fact in _ceremonies(ctx, k) + _agreements(ctx, k):
            if not any(_same_pair(fact, other) for other in kept):
                kept.append(fact)
    return (body or titles) + _witnesses(ctx)


def _same_pair(a: Fact, b: Fact) -> bool:
    """One signing written twice: the same two parties, one name possibly the other's short form
    (青山区 / 青山区人民政府, 华远 / 华远集团)."""
    def alike(x: str, y: str) -> bool:
        return x.startswith(y) or y.startswith(x)
    return (alike(a.s, b.s) and alike(a.o, b.o)) or (alike(a.s, b.o) and alike(a.o, b.s))


def _org(name: str, ctx: ArticleContext) -> tuple[str, str | None]:
    kind = classify(name, ctx)
    return kind if kind else ("Organization", None)


def _pair(ctx: ArticleContext, k: int, a: str, b: str, rule: str, span: tuple[int, int]) -> Fact:
    a_type, a_sub = _org(a, ctx)
    b_type, b_sub = _org(b, ctx)
    return ctx.fact(canonical(a, ctx), a_type, "signs_with", canonical(b, ctx), b_type, ctx.sentences[k],
                    f"signings.signs_with.{rule}", s_subtype=a_sub, o_subtype=b_sub, span=span)


def _ceremonies(ctx: ArticleContext, k: int) -> list[Fact]:
    text = ctx.sentences[k].text.text
    facts = []
    for m in _CEREMONY_RE.finditer(text) if "仪式" in text else ():  # the scan is costly: skip most
        start = max(m.start(1), lead_end(text, m.start(1), m.end(1)))
        a, b = _party(text[start:m.end(1)], ctx), _party(m.group(2), ctx)
        if _plain(a) and _plain(b):
            facts.append(_pair(ctx, k, a, b, "ceremony", (start, m.end())))
    return facts


def _agreements(ctx: ArticleContext, k: int) -> list[Fact]:
    text = ctx.sentences[k].text.text
    facts = []
    for verb in _SIGN_RE.finditer(text):
        clause_start = segment_start(text, verb.start(), CLAUSE_BREAKS)
        partners = _PARTNERS_RE.search(text, max(clause_start, verb.start() - 100), verb.start())
        if not partners:
            facts += _co_signers(ctx, k, clause_start, verb.start())
            continue
        subjects = _partner_subjects(text, sentence_subjects(text, partners.start(), ctx)) or _implied_signer(
            ctx, text, clause_start, partners.start())
        for subject in subjects:
            for other in _PARTNER_SPLIT_RE.split(partners.group(1)):
                if _plain(other) and other != subject.name and classify(other, ctx):
                    span = (partners.start(), verb.end())
                    facts.append(_pair(ctx, k, subject.name, other, "agreement", span))
    return facts


def _party(span: str, ctx: ArticleContext) -> str:
    """A signing party written before the agreement's name (B公司战略合作协议签约仪式) → B公司:
    the longest prefix that reads as an organisation or place, else the span as written."""
    for cut in range(len(span) - 1, 1, -1):
        if span[cut:].endswith(_AGREEMENT_ENDS) and classify(span[:cut], ctx):
            return span[:cut]
    return span


def _partner_subjects(text: str, subjects: list[Named]) -> list[Named]:
    """Subjects up to the first one joined by 与: in `A与B签订…，与C签订…` B is A's partner,
    not a co-signer with C."""
    for i in range(1, len(subjects)):
        if text[subjects[i - 1].end:subjects[i].start] == "与":
            return subjects[:i]
    return subjects


def _implied_signer(ctx: ArticleContext, text: str, start: int, yu: int) -> list[Named]:
    """No subject before 与: `A代表X与B签订` → X; `会上与B签订` (nothing else) → the article's topic."""
    prefix_at = lead_end(text, start, yu)
    prefix = text[prefix_at:yu]
    on_behalf = _ON_BEHALF_RE.search(prefix)
    if on_behalf:
        kind = classify(on_behalf.group(1), ctx)
        at = prefix_at + on_behalf.start(1)
        return [Named(on_behalf.group(1), at, at + len(on_behalf.group(1)), *kind)] if kind else []
    if not _NO_SUBJECT_RE.fullmatch(prefix):
        return []
    topic = article_topic(ctx)  # (read only now: it costs a pass over every clause)
    return [topic] if topic else []


def _co_signers(ctx: ArticleContext, k: int, start: int, verb_at: int) -> list[Fact]:
    """`A和B(双方)签署…`: co-subjects of the signing verb sign with each other."""
    text = ctx.sentences[k].text.text
    subjects = [s for s in sentence_subjects(text, verb_at, ctx) if s.start >= start]
    if len(subjects) < 2 or not _BETWEEN_SIGNERS.fullmatch(text[subjects[-1].end:verb_at]):
        return []
    first = subjects[0]
    span = (first.start, verb_at)
    return [_pair(ctx, k, first.name, other.name, "co_signers", span) for other in subjects[1:]]


def _plain(name: str) -> bool:
    """A name-like span: no verbs or particles that would make it a phrase."""
    return 2 <= len(name) <= 30 and not _NOT_PLAIN_RE.search(name)


def _witnesses(ctx: ArticleContext) -> list[Fact]:
    """`甲、乙见证了此次签约` and `在甲、乙的见证下，A与B签署…`: each person witnesses the
    article's signing ceremony, or the event the signing took place at."""
    facts = []
    for k in ctx.sentences_matching(_WITNESSING_RE):
        sentence = ctx.sentences[k]
        text = sentence.text.text
        spans = [(segment_start(text, verb.start()), verb.start(), verb.end())
                 for verb in _WITNESS_RE.finditer(text)
                 if _SIGNING_AFTER_RE.match(text, verb.end()) or _WITNESS_ENDS_RE.match(text, verb.end())]
        spans += [(m.start(), m.end(1), m.end()) for m in _UNDER_WITNESS_RE.finditer(text)]
        for start, end, verb_end in spans:
            persons = persons_in(ctx, k, start, end)
            event = _signing_event(ctx, k) if persons else None
            for person in persons if event else []:
                facts.append(ctx.fact(person.name, "Person", "witnesses", event, "Event", sentence,
                                      "signings.witnesses.jianzheng", o_subtype="SigningCeremony",
                                      span=(person.start, verb_end)))
    return facts


def _signing_event(ctx: ArticleContext, k: int) -> str | None:
    ceremonies = [(pos, ev) for pos, ev in article_events(ctx) if ev.subtype == "SigningCeremony"]
    if not ceremonies:
        return context_event(ctx, k) or agreement_signing(ctx, k)
    before = [ev for pos, ev in ceremonies if pos <= k]
    return (before[-1] if before else ceremonies[0][1]).name
