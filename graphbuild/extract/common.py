"""Shared reading of house-style clauses: who the subject is, which event a verb names, what the
article is about. Relation modules compose these; nothing here emits facts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from graphbuild.extract.base import ArticleContext
from graphbuild.lexicon.divisions import Division, Gazetteer, load_gazetteer, trie_pattern
from graphbuild.lexicon.events import (
    ANAPHORA_RE,
    CEREMONY_PARTS,
    EVENT_NOUN_RE,
    EVENT_NOUNS,
    MODIFIER_NOUNS,
    ORGANIZE_VERB_RE,
    ZUZHI,
)
from graphbuild.lexicon.orgs import (
    CO_SUBJECT_RE,
    HARD_STOPS,
    LOCAL_PREFIX_RE,
    ORG_START_RE,
    SUBJECT_STOP_RE,
    name_type,
)
from graphbuild.model import Fact
from graphbuild.nlp.sentences import clauses

# A dateline and time phrases that open a clause before its subject.
_LEAD_RE = re.compile(  # (used with match at the clause's start: no ^)
    r"(?:本\s*报\s*讯\s*[（(][^）)]*[）)]\s*|本报讯\s*)?"
    r"(?:(?:近日|日前|近期|目前|当前|今年以来|年初以来|近年来|今年初|今年|此前|随后|同时|此外|另外|"
    r"会上|会前|会后|上午|下午|晚上|期间|\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日(?:至\d{1,2}日)?)\s*)*")
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")"}
_CLAUSE_END = set("，,；;：:。！？!?\n")
# What may follow an event noun when it ends a name (not 会议精神, 活动中心, 座谈会上的讲话 …).
_NOT_AFTER_EVENT = re.compile(r"(?:精神|中心|室|站|月|周|季|方案|要求|部署|现场|期间|场地|经费|内容|"
                              r"形式|主题|平台|成果|成效|之际|之机|的)")
_TALLY_RE = re.compile(r"\s*[\d一二两三四五六七八九十百]+\s*余?\s*(?:场|次|期|轮|届|个)")
_NAME_BREAKERS = re.compile(r"开展|召开|举办|举行|" + ZUZHI + r"|参加|出席|列席|主持|邀请(?!赛)|"
                            r"围绕|通过|以及|"
                            r"各种|各类|等|进行|走进|深入|了|是|、|^\d+\s*(?:次|场|期|个)")
_MODIFIER_STOP_RE = re.compile(r"[，。；、：,;:！？\s]|" + _NAME_BREAKERS.pattern)
_NAME_LEAD_RE = re.compile(r"(?:了|一场|一次|一系列|系列|一期|为期[^的，]{1,8}的|以[^的，]{1,12}为主题的|"
                           r"(?:今|昨|明|当)(?:天|日)的?|日前|近日)+")
MAX_NAME = 45
# First characters of the event nouns: only there can EVENT_NOUN_RE (a trie of them) match.
_EVENT_NOUN_INITIALS = frozenset(noun[0] for noun in EVENT_NOUNS)
# 签署战略合作协议: the agreement a signing is about (no place or party words inside it).
_AGREEMENT_RE = re.compile(r"(?:签署|签订)了?([\u4e00-\u9fff]{2,12}?(?:协议书|协议|合同|备忘录))")
SIGNING_NOUNS = frozenset(n for n, kind in EVENT_NOUNS.items() if kind == "SigningCeremony")
# 第二届X山货节: an edition number makes any …节 an event's name (节 alone is too common a word).
_EDITION_FESTIVAL_RE = re.compile(r"(?:第[一二三四五六七八九十百零〇\d]{1,4}届|(?:19|20)\d\d年?)"
                                  r"[^，。；、“”\s]{1,20}?节(?![日能约点目奏气假])")
_DATE_AFTER_EVENT_RE = re.compile(r"\d{1,2}月\d{1,2}日(?:上午|下午|晚)?")
# Trade words between a firm's short name and 集团/公司: no conjunction, verb or government word
# (A代表市政府与B集团 is no firm name).
_FIRM_TRADE_RE = re.compile(r"(?:(?![与和及的是在为对把将市县区]|代表|政府)[\u4e00-\u9fff]){0,6}")
# How a paper names its own city (a prefecture or an autonomous prefecture).
HOME_WORDS = frozenset({"我市", "本市", "我州", "本州"})
# Up to four characters before 区/县/旗, each tail of which may be a short form (青山 of 青山区).
_BEFORE_COUNTY_RE = re.compile(r"[\u4e00-\u9fff]{2,4}(?=[区县旗])")
_TAKES_PART_RE = re.compile(r"参加|出席|参展|参与|观摩")
_PLURAL_RE = re.compile(r"形式多样|丰富多彩|多种多样|各种|各类|多种|一系列|系列|多场|多次")
# Verbs and particles that show a clause opens with something other than an event's name.
_NOT_IN_OPENING_EVENT = re.compile(r"参加|出席|主持|见证|宣布|致辞|表示|强调|要求|[为对把在是由、]")
# What follows an event that opens its clause: 会议在…召开, 博览会即将于…举行.
_AFTER_OPENING_EVENT = re.compile(r"即将|将|定于|于|在|日前|近日|正式|隆重|顺利|圆满|已|开幕|举行|召开")
# Verbs whose object names an event: organising it, or taking part in it.
_EVENT_VERB_RE = re.compile(ORGANIZE_VERB_RE.pattern + "|参加|出席|列席|亮相|参展|主持")
# Characters and openers a clause-initial name cannot contain (这次会议是X, 特别是X, A与B).
_NOT_IN_SUBJECT = re.compile(r"[与及、，,是的在为对把将要由]")
_NOT_SUBJECT_OPENER = re.compile(r"特别|尤其|其中|这|那|该")
# A person named as the reporter of the story (记者王某报道, 通讯员李某摄) is no participant.
_REPORTER_BEFORE = re.compile(r"(?:记者|通讯员|实习生|摄影|编辑)\s*$")
_REPORTER_AFTER = re.compile(r"\s*(?:报道|摄|供稿)")
_BREAK_OR_SPACE_RE = re.compile(r"[，。、；：\s]")  # no name holds one
_AND_RE = re.compile(r"和|及|与")
# 在X会议上 / 在X期间: the event between 在 and 上.
_AT_EVENT_RE = re.compile(r"在([^，。在]{2,40}?)(?:上|期间)")


# Every event name ends in an event noun or is a 第N届…节: a sentence with neither names none.
# (One trie: appending |节 to EVENT_NOUN_RE's would stop re from skipping to candidate characters.)
EVENT_WORD_RE = re.compile(trie_pattern([*EVENT_NOUNS, "节"]))


def names_event(ctx: ArticleContext, k: int) -> bool:
    """Whether sentence k can name an event (event_after, event_opening find none otherwise)."""
    return EVENT_WORD_RE.search(ctx.sentences[k].text.text) is not None


# A rule reading sentence k of an article.
SentenceRule = Callable[[ArticleContext, int], list[Fact]]
# A rule with a word that every sentence it reads a fact from holds ("" when there is none).
CuedRule = tuple[SentenceRule, str]


def apply_rules(rules: tuple[CuedRule, ...], ctx: ArticleContext, k: int) -> list[Fact]:
    """The facts of every rule on sentence k, in rule order; a rule whose cue word the sentence
    lacks is not called."""
    text = ctx.sentences[k].text.text
    return [fact for rule, cue in rules if cue in text for fact in rule(ctx, k)]


@dataclass(slots=True)
class Named:
    """A name found in a sentence: text as written and [start, end) in the sentence text."""

    name: str
    start: int
    end: int
    type: str = ""
    subtype: str | None = None


# ---------------------------------------------------------------------------------------------
# Clauses and subjects
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def clause_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Clauses of a sentence (cached: every module reads the same sentences)."""
    return tuple(clauses(text))


def lead_end(text: str, start: int, end: int) -> int:
    """Where the clause's subject may begin: after the dateline and leading time phrases."""
    m = _LEAD_RE.match(text, start, end)
    return m.end() if m else start


@cache
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def division(name: str) -> Division | None:
    """The gazetteer entry for a full name or safe short form (宽城 → 宽城区), or None."""
    return gazetteer().lookup(name)


def _division_at(text: str, pos: int) -> bool:
    """A gazetteer name starts at pos (和龙市 starts with a word that is also a conjunction)."""
    return gazetteer().starts_with_division(text, pos, pos + 12)


def classify(name: str, ctx: ArticleContext | None = None) -> tuple[str, str | None] | None:
    """(type, subtype) when `name` reads as an organisation or place, else None. Remembered per
    article (what the article writes elsewhere decides some names) or, without one, for good."""
    if ctx is None:
        return _classify_anywhere(name)
    memo = ctx.memo("classify")
    if name not in memo:
        memo[name] = _classify(name, ctx)
    return memo[name]


@lru_cache(maxsize=1 << 14)
def _classify_anywhere(name: str) -> tuple[str, str | None] | None:
    return _classify(name, None)


def _classify(name: str, ctx: ArticleContext | None) -> tuple[str, str | None] | None:
    name = name.strip()
    if not name or len(name) > 30:
        return None
    if name in HOME_WORDS and ctx is not None and ctx.home_city:
        return "Place", "City"
    known = division(name)
    if known is not None:
        return "Place", known.subtype
    if ctx is not None and 2 <= len(name) <= 4 and _short_form_of_article_place(name, ctx):
        return "Place", "District"
    if _BREAK_OR_SPACE_RE.search(name) or SUBJECT_STOP_RE.fullmatch(name):
        return None
    kind = name_type(name)
    if kind is None and ctx is not None and 4 <= len(name) <= 8 and _short_form_of_article_firm(name, ctx):
        return "Organization", "Enterprise"
    return kind


def _short_form_of_article_place(name: str, ctx: ArticleContext) -> bool:
    """青山 is a place when the article also writes 青山区/青山县 (the paper's short form)."""
    if name.endswith(("区", "县", "市", "旗", "镇")):
        return False
    written = ctx.cache.get("body_and_titles")
    if written is None:  # (a newline between them, which no name holds)
        written = ctx.cache["body_and_titles"] = "\n".join(
            [ctx.article.body.text, *(t.text for _, t in ctx.article.titles)])
    if (name + "区") not in written and (name + "县") not in written and (name + "旗") not in written:
        return False  # (a cheap test first: the set below costs a scan of every position)
    if "short_places" not in ctx.cache:
        texts = [ctx.article.body.text, *(t.text for _, t in ctx.article.titles)]
        ctx.cache["short_places"] = {text[m.end() - n:m.end()] for text in texts
                                     for m in _BEFORE_COUNTY_RE.finditer(text) for n in (2, 3, 4)
                                     if m.end() - n >= m.start()}
    return name in ctx.cache["short_places"]


def _short_form_of_article_firm(name: str, ctx: ArticleContext) -> bool:
    """华远新能 is a firm when the article also writes 华远新能投资集团(有限公司): papers shorten an
    enterprise to the words before its trade and form after naming it in full once."""
    memo = ctx.memo("short_firms")
    if name not in memo:
        body = ctx.article.body.text
        memo[name] = not SUBJECT_STOP_RE.search(name) and _written_before_firm_ending(name, body)
    return memo[name]


def _written_before_firm_ending(name: str, body: str) -> bool:
    """`name` + up to six trade characters + 集团/公司 occurs in body (plain string search)."""
    start = body.find(name)
    while start >= 0:
        tail = body[start + len(name):start + len(name) + 8]
        ends = [i for i in (tail.find("集团"), tail.find("公司")) if i >= 0]
        if ends and _FIRM_TRADE_RE.fullmatch(tail[:min(ends)]):
            return True
        start = body.find(name, start + 1)
    return False


def split_names(span: str, ctx: ArticleContext | None = None) -> list[str]:
    """The names of a list `A、B和C`. 和/及/与 split an item only when every part reads as a
    name: 文化广电和旅游局 is one body, 青山区和白河县 two places."""
    out = []
    for item in span.split("、"):
        parts = _AND_RE.split(item)
        whole = len(parts) > 1 and classify(item, ctx) and not all(classify(p, ctx) for p in parts)
        out += [item] if whole else parts
    return out


def canonical(name: str, ctx: ArticleContext) -> str:
    """我市 (我州) → the article's home city; any other name as written."""
    if name in HOME_WORDS and ctx.home_city:
        return ctx.home_city
    return name


def subjects_at(text: str, start: int, end: int, ctx: ArticleContext | None = None) -> list[Named]:
    """Organisations/places opening the clause text[start:end], with co-subjects joined by
    联合/会同/和/及/与/、 (`A联合B开展…` → [A, B]). Empty when the clause opens otherwise.
    Remembered per article: the topic reads every clause's subjects, and rules read them again."""
    if ctx is None:
        return _subjects_at(text, start, end, None)
    memo = ctx.memo("subjects")
    key = (text, start, end)
    if key not in memo:
        memo[key] = _subjects_at(text, start, end, ctx)
    return list(memo[key])


def _subjects_at(text: str, start: int, end: int, ctx: ArticleContext | None) -> list[Named]:
    pos = lead_end(text, start, end)
    found: list[Named] = []
    while pos < end:
        named = _name_before_stop(text, pos, end, ctx)
        if named is None:
            break
        found.append(named)
        co = CO_SUBJECT_RE.match(text, named.end)
        if not co:
            break
        pos = co.end()
    return found


def _name_before_stop(text: str, pos: int, end: int, ctx: ArticleContext | None) -> Named | None:
    """The name from pos to the first stop word after which it reads as a name."""
    if SUBJECT_STOP_RE.match(text, pos) and not _division_at(text, pos):
        return None  # 在平川市…, 为企业…: the clause opens with no subject (和龙市 does)
    local = LOCAL_PREFIX_RE.match(text[pos:end])
    pos += local.end() if local else 0
    # Each candidate starts at pos and has two characters or more, so it opens with an opener
    # when the text at pos does, and holds a character no name has once it reaches the first.
    opener = _NOT_SUBJECT_OPENER.match(text, pos)
    bad = _NOT_IN_SUBJECT.search(text, pos, end)
    bad_at = bad.start() if bad else end
    for m in SUBJECT_STOP_RE.finditer(text, pos + 2, end):
        if ORG_START_RE.match(text, m.start()):
            continue  # 组织部, 在…: the stop word opens a name ending, not the predicate
        if opener or bad_at < m.start():
            return None  # a coordination, copula or clause break: the span is no single name
        candidate = text[pos:m.start()]
        kind = classify(candidate, ctx)
        if kind:
            return Named(candidate, pos, m.start(), *kind)
        if m.start() - pos > 30 or m.group() in HARD_STOPS:
            return None  # past a verb, or too long for a name: the clause opens otherwise
        # Stop words also occur inside names (计划生育服务中心, 华远投资集团): read on.
    return None


def sentence_subjects(text: str, upto: int, ctx: ArticleContext | None = None) -> list[Named]:
    """Subjects of the clause holding `upto`, else of the nearest earlier clause (up to six back)
    that has one."""
    spans = clause_spans(text)
    last = bisect_right(spans, (upto, len(text) + 1))
    for start, end in reversed(spans[max(0, last - 6):last]):
        found = [n for n in subjects_at(text, start, end, ctx) if n.end <= upto]
        if found:
            return found
    return []


def clause_of(text: str, pos: int) -> tuple[int, int]:
    """The clause holding pos (or ending at it)."""
    spans = clause_spans(text)
    i = bisect_right(spans, (pos, len(text) + 1)) - 1
    if i >= 0 and spans[i][0] <= pos <= spans[i][1]:
        return spans[i]
    return 0, len(text)


# ---------------------------------------------------------------------------------------------
# Event names
# ---------------------------------------------------------------------------------------------


def _skip_quote(text: str, i: int, end: int) -> int:
    close = _QUOTES.get(text[i])
    if close is None:
        return i
    j = text.find(close, i + 1, min(end, i + 40))
    return j if j > 0 else i


def event_after(text: str, pos: int, end: int | None = None) -> Named | None:
    """The event a verb at `pos` names: 召开[了]X会议 → X会议. Quotes are kept whole; the name
    stops at the first event noun that ends it. `subtype` is the event's class; a bare noun
    (座谈会, 此次活动) comes back with type 'bare'."""
    end = len(text) if end is None else end
    lead = _NAME_LEAD_RE.match(text, pos)
    start = lead.end() if lead else pos
    festival = _EDITION_FESTIVAL_RE.match(text, start, end)
    i = start
    while i < end and i - start <= MAX_NAME:
        ch = text[i]
        if ch in _CLAUSE_END:
            return None
        if ch in _QUOTES:
            i = _skip_quote(text, i, end) + 1
            continue
        m = EVENT_NOUN_RE.match(text, i) if ch in _EVENT_NOUN_INITIALS else None
        if m and not _NOT_AFTER_EVENT.match(text, m.end()):
            m = _extend_modifier(text, m, end)
            return _event_named(text, start, m.end(), m.group())
        if festival and i == festival.end() - 1:
            return _event_named(text, start, festival.end(), "节")
        i += 1
    return None


def _extend_modifier(text: str, m: re.Match[str], end: int) -> re.Match[str]:
    """消防演练 → 消防演练活动: a modifier head followed closely by another event noun."""
    while m.group() in MODIFIER_NOUNS:
        window = text[m.end():min(end, m.end() + 10)]
        stop = _MODIFIER_STOP_RE.search(window)
        nxt = EVENT_NOUN_RE.search(text, m.end(), m.end() + (stop.start() if stop else len(window)))
        if nxt is None:
            break
        m = nxt
    return m


def _event_named(text: str, start: int, stop: int, noun: str) -> Named | None:
    if _TALLY_RE.match(text, stop):
        return None  # 开展招聘会2场: a tally, not one event
    name = text[start:stop]
    cut = name.rfind("的")
    if cut >= 0 and "“" not in name[:cut]:
        if _PLURAL_RE.search(name[:cut]):
            return None  # 形式多样的宣传活动: many events, none named
        if _TAKES_PART_RE.search(name[:cut]):
            return None  # 组织企业参加在Y举办的X: X is what 参加 names, not what 组织 does
        start, name = start + cut + 1, name[cut + 1:]
    if _NAME_BREAKERS.search(name):
        return None
    kind = "bare" if name == noun or ANAPHORA_RE.match(name) else "Event"
    return Named(name, start, stop, kind, EVENT_NOUNS.get(noun, "Activity"))


def event_opening(text: str, start: int, end: int) -> Named | None:
    """An event named as the clause's subject: `X会议在区政府召开`, `A与B签约仪式，在…举行`."""
    pos = lead_end(text, start, end)
    best = None
    for m in EVENT_NOUN_RE.finditer(text, pos, min(end, pos + 2 * MAX_NAME)):
        if _NOT_AFTER_EVENT.match(text, m.end()):
            continue
        of = text.rfind("的", pos, m.start())
        if of >= 0 and "“" not in text[pos:of]:
            pos = of + 1  # 由A主办的X节于…开幕: the event is what follows 的
        head = text[pos:m.end()]
        if ORGANIZE_VERB_RE.search(head) or _NOT_IN_OPENING_EVENT.search(head):
            break
        if _opens_clause_as_event(text, m.end(), end):
            best = _event_named(text, pos, m.end(), m.group())
    festival = _EDITION_FESTIVAL_RE.search(text, pos, end) if best is None and "节" in text else None
    if (best is None and festival and (festival.start() == pos or text[festival.start() - 1] == "的")
            and _opens_clause_as_event(text, festival.end(), end)):
        best = _event_named(text, festival.start(), festival.end(), "节")  # (由A主办的)第N届X节
    return best if best and best.type == "Event" else None


def _opens_clause_as_event(text: str, noun_end: int, end: int) -> bool:
    """What follows a clause-opening event: nothing, or (after a date) 在/于/开幕/举行…"""
    date = _DATE_AFTER_EVENT_RE.match(text, noun_end, end)
    after = text[date.end() if date else noun_end:end]
    return not after or bool(_AFTER_OPENING_EVENT.match(after))


def events_in_title_phrase(text: str) -> list[Named]:
    """`周明远在全市科技工作座谈会上强调` → the event between 在 and 上."""
    out = []
    for m in _AT_EVENT_RE.finditer(text):
        noun = EVENT_NOUN_RE.search(m.group(1))
        if noun and noun.end() == len(m.group(1)):
            named = _event_named(text, m.start(1), m.end(1), noun.group())
            if named and named.type == "Event":
                out.append(named)
    return out


def article_events(ctx: ArticleContext) -> list[tuple[int, Named]]:
    """Named events of the article, (sentence position, event), titles first then body order."""
    if "events" not in ctx.cache:
        ctx.cache["events"] = _article_events(ctx)
    return ctx.cache["events"]


def _article_events(ctx: ArticleContext) -> list[tuple[int, Named]]:
    return events_of_sentences(ctx, ctx.sentences_matching(EVENT_WORD_RE))


def events_of_sentences(ctx: ArticleContext, indices: list[int]) -> list[tuple[int, Named]]:
    """`article_events` of the sentences at `indices` (each sentence's events are its own)."""
    out: list[tuple[int, Named]] = []
    for k in indices:
        text = ctx.sentences[k].text.text
        for m in _EVENT_VERB_RE.finditer(text):
            if _PLANNED_RE.search(text, max(0, m.start() - 4), m.start()):
                continue  # 将陆续举办X: a plan, not the event the article tells of
            ev = event_after(text, m.end())
            if ev and ev.type == "Event":
                out.append((k, ev))
        for start, end in clause_spans(text):
            ev = event_opening(text, start, end)
            if ev:
                out.append((k, ev))
        out.extend((k, ev) for ev in events_in_title_phrase(text))
    return out


def resolve_event(ctx: ArticleContext, k: int, bare: Named) -> str | None:
    """The fuller name of an event the body calls by its bare noun (座谈会, 此次会议): the latest
    named event before sentence k ending with that noun, else one from the titles; None if none."""
    noun = EVENT_NOUN_RE.search(bare.name)
    if noun is None:
        return None
    head = noun.group()
    candidates = [(pos, ev) for pos, ev in article_events(ctx) if ev.name.endswith(head)]
    named = _recent_or_title(ctx, candidates, 0, k)
    if named:
        return named
    kind = _GENERIC_NOUNS.get(head)
    if kind and (bare.name == head or ANAPHORA_RE.match(bare.name)):
        # 会议 / 比赛 name any event of their class: X推进会…主持会议, X邀请赛…本次比赛.
        named = _recent_or_title(ctx, [(pos, ev) for pos, ev in article_events(ctx) if kind(ev)], 0, k)
        if named:
            return named
    if head in SIGNING_NOUNS:  # 出席签约仪式 with no ceremony named: named by what was signed
        return agreement_signing(ctx, k)
    if head in _GROUNDBREAKING_NOUNS and bare.name == head:  # 出席开工仪式: of the project that started
        project = started_project(ctx, k)
        return project + head if project else None
    if head in CEREMONY_PARTS:  # 出席开幕式: the opening of the event the article names
        named = [ev for pos, ev in article_events(ctx) if pos <= k or ctx.sentences[pos].in_title]
        return named[-1].name + head if named else None
    if head == "活动" and (bare.name == head or ANAPHORA_RE.match(bare.name)):
        # 活动 names any kind of event: 举办第三届X节，活动在Y举行 → the event just named.
        named = [ev for pos, ev in article_events(ctx)
                 if k - 2 <= pos <= k and not ctx.sentences[pos].in_title]
        return named[-1].name if named else None
    return None


# Ceremonies named after the project whose start they mark, and how an article states that start.
_GROUNDBREAKING_NOUNS = frozenset({"开工仪式", "奠基仪式"})
_PROJECT_STARTS_RE = re.compile(r"([\u4e00-\u9fff\d“”]{2,30}?项目)(?:在[^，。；]{2,20}?)?(?:正式|集中|顺利)?"
                                r"(?:开工|奠基)")
# A plan just before an event verb (将陆续举办, 计划举行).
_PLANNED_RE = re.compile(r"将|拟|计划|准备")
# Generic nouns by which the body refers back to an event of a class it named more precisely.
_GENERIC_NOUNS: dict[str, Callable[[Named], bool]] = {
    "会议": lambda ev: ev.subtype == "Meeting",
    "比赛": lambda ev: ev.name.endswith("赛"),
}


def started_project(ctx: ArticleContext, k: int) -> str | None:
    """The project an article says broke ground (总投资N元的X项目在Y开工 → X项目), sentence k first."""
    order = [k, *(i for i in range(len(ctx.sentences)) if i != k)]
    for i in order:
        text = ctx.sentences[i].text.text
        m = _PROJECT_STARTS_RE.search(text) if "开工" in text else None
        if m:
            name = m.group(1)
            return name[name.rfind("的") + 1:]
    return None


def agreement_signing(ctx: ArticleContext, k: int) -> str | None:
    """An unnamed signing is named by what was signed: 签署战略合作协议 → 战略合作协议签约仪式
    (sentence k first, then the article's other sentences in order)."""
    order = [k, *(i for i in range(len(ctx.sentences)) if i != k)]
    for i in order:
        m = _AGREEMENT_RE.search(ctx.sentences[i].text.text)
        if m:
            return m.group(1) + "签约仪式"
    return None


def context_event(ctx: ArticleContext, k: int, window: int = 2,
                  subtypes: frozenset[str] | None = None) -> str | None:
    """The event sentence k is about when it names none: one named in it or in the `window`
    sentences before, else in the titles (`X出席并致辞` after the sentence naming the event).
    With `subtypes`, only events of those classes count."""
    events = article_events(ctx)
    if subtypes is not None:
        events = [(pos, ev) for pos, ev in events if ev.subtype in subtypes]
    return _recent_or_title(ctx, events, k - window, k)


def _recent_or_title(ctx: ArticleContext, events: list[tuple[int, Named]], first: int,
                     last: int) -> str | None:
    """The latest event the body names in sentences first..last, else the first one a title names."""
    before = [ev for pos, ev in events if first <= pos <= last and not ctx.sentences[pos].in_title]
    if before:
        return before[-1].name
    titles = [ev for pos, ev in events if ctx.sentences[pos].in_title]
    return titles[0].name if titles else None


def event_name(ctx: ArticleContext, k: int, ev: Named | None) -> str | None:
    if ev is None:
        return None
    return ev.name if ev.type == "Event" else resolve_event(ctx, k, ev)


# ---------------------------------------------------------------------------------------------
# Persons and topic
# ---------------------------------------------------------------------------------------------


# Marks that end a sentence-like segment, and those that also end a comma clause.
SEGMENT_BREAKS = "。；;"
CLAUSE_BREAKS = "，。；,;"


def segment_start(text: str, pos: int, breaks: str = SEGMENT_BREAKS) -> int:
    """Just after the last of `breaks` before pos: by default the sentence-like segment (after
    。；) holding pos, to which persons before a verb are read back."""
    return max(text.rfind(c, 0, pos) for c in breaks) + 1


def persons_in(ctx: ArticleContext, k: int, start: int = 0, end: int | None = None) -> list[Named]:
    """Person mentions of sentence k within [start, end)."""
    mentions = ctx.mentions[k] if k < len(ctx.mentions) else []
    end = len(ctx.sentences[k].text) if end is None else end
    text = ctx.sentences[k].text.text
    return [Named(m.text, m.start, m.end, "Person") for m in mentions
            if m.type == "Person" and start <= m.start and m.end <= end
            and not _REPORTER_BEFORE.search(text, max(0, m.start - 4), m.start)
            and not _REPORTER_AFTER.match(text, m.end)]


def article_topic(ctx: ArticleContext) -> Named | None:
    """The organisation or place the article is about: the clause-opening subject named most
    often in the article (at least twice); None when nothing stands out."""
    if "topic" not in ctx.cache:
        ctx.cache["topic"] = _article_topic(ctx)
    return ctx.cache["topic"]


def could_be_topic_prefix(ctx: ArticleContext, text: str) -> bool:
    """Whether some beginning of `text` could be the article's topic, which is a name (of two or
    more characters) written at least twice: a cheap test before `article_topic`, which reads
    every clause. A beginning written twice (without overlap) has its own beginnings written
    twice too, so the beginnings are tried from the shortest until one is written once only."""
    full = ctx.joined()[0]
    for length in range(2, len(text) + 1):
        head = text[:length]
        first = full.find(head)
        if first < 0 or full.find(head, first + length) < 0:
            return False
        if head not in HOME_WORDS and classify(head, ctx):
            return True
    return False


def _article_topic(ctx: ArticleContext) -> Named | None:
    counts: dict[str, int] = {}
    first: dict[str, Named] = {}
    full = ctx.joined()[0]
    for sentence in ctx.sentences:
        text = sentence.text.text
        for start, end in clause_spans(text):
            for named in subjects_at(text, start, end, ctx):
                first.setdefault(named.name, named)
    for name in first:
        if name not in HOME_WORDS:
            counts[name] = full.count(name)
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], len(n)))
    return first[best] if counts[best] >= 2 else None

