"""Typed spans of a sentence: Person, Organization, Place, Event, Project, Money, Count, Date.

Regex and lexicon only (no tagger): names end in a lexicon suffix and start after a delimiter or
a closed-class word; events and projects are read the way the relation modules read them.
Ask only for the types you need (`types=`): each type costs a pass over the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from graphbuild.lexicon.orgs import ORG_SUFFIXES, PLACE_SUFFIXES, SUBJECT_STOP_RE
from graphbuild.model import Article, Mention, PartialDate, Sentence
from graphbuild.nlp.numbers import COUNT_RE, MONEY_RE, parse_count, parse_money
from graphbuild.nlp.sentences import join_sentences

ALL_TYPES = ("Person", "Organization", "Place", "Event", "Project", "Money", "Count", "Date")
_DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})\s*年(?!度)")
_SUFFIX_RE = re.compile("|".join(sorted(map(re.escape, set(ORG_SUFFIXES) | set(PLACE_SUFFIXES)),
                                        key=len, reverse=True)))
_DELIMS = set("，。；：、,.;:！？!?“”‘’《》（）() \n\t")
_MAX_NAME = 20


def find_mentions(sentence: Sentence, article: Article, types: Iterable[str] | None = None) -> list[Mention]:
    """Mentions of the requested types (all by default), sorted by start."""
    wanted = set(types) if types is not None else set(ALL_TYPES)
    text = sentence.text.text
    out: list[Mention] = []
    if "Person" in wanted:
        out += _persons(text)
    if wanted & {"Organization", "Place"}:
        out += [m for m in _names(text, article) if m.type in wanted]
    if wanted & {"Event", "Project"}:
        out += [m for m in _events_and_projects(text) if m.type in wanted]
    if "Money" in wanted:
        out += [Mention("Money", m.group(), m.start(), m.end(), value=parse_money(m.group()))
                for m in MONEY_RE.finditer(text)]
    if "Count" in wanted:
        out += [Mention("Count", m.group(), m.start(), m.end(), value=parse_count(m.group()))
                for m in COUNT_RE.finditer(text) if not text.startswith("元", m.end())]
    if "Date" in wanted:
        out += [_date(m) for m in _DATE_RE.finditer(text)]
    return sorted(out, key=lambda m: (m.start, -m.end, m.type))


def persons_by_sentence(sentences: list[Sentence], cache: dict | None = None) -> list[list[Mention]]:
    """Person mentions of each sentence, found in one pass over the sentences joined by newlines
    (the same names as sentence by sentence, at half the cost: the tagger is called once).
    With `cache`, the joined text is left there as `joined` (with the sentence starts) and
    with its tokens as `joined_tokens`, for reuse."""
    from graphbuild.nlp.persons import find_persons
    from graphbuild.nlp.persons import tokenize as person_tokens

    joined, starts = join_sentences(sentences)
    tokens = person_tokens(joined)
    if cache is not None:
        cache["joined"] = (joined, starts)
        cache["joined_tokens"] = (joined, tokens)
    out: list[list[Mention]] = [[] for _ in sentences]
    for name, start, end in find_persons(joined, tokens):
        i = bisect_right(starts, start) - 1
        if end <= starts[i] + len(sentences[i].text):  # a name never spans two sentences
            out[i].append(Mention("Person", name, start - starts[i], end - starts[i]))
    return out


def _persons(text: str) -> list[Mention]:
    from graphbuild.nlp.persons import find_persons

    return [Mention("Person", name, start, end) for name, start, end in find_persons(text)]


def _names(text: str, article: Article) -> list[Mention]:
    """Organisation/place names: a suffix, read back to the last delimiter or closed-class word."""
    from graphbuild.extract.common import classify

    spans = []
    for m in _SUFFIX_RE.finditer(text):
        begin = _left_edge(text, m.start())
        kind = classify(text[begin:m.end()])
        if kind:
            spans.append((begin, m.end(), kind))
    out: list[Mention] = []
    for begin, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):  # longest at each start
        if out and begin < out[-1].end:
            if end > out[-1].end and begin == out[-1].start:
                out[-1] = Mention(kind[0], text[begin:end], begin, end, subtype=kind[1])
            continue
        out.append(Mention(kind[0], text[begin:end], begin, end, subtype=kind[1]))
    return out


def _left_edge(text: str, suffix_start: int) -> int:
    begin = suffix_start
    floor = max(0, suffix_start - _MAX_NAME)
    while begin > floor and text[begin - 1] not in _DELIMS:
        begin -= 1
    last = None
    for stop in SUBJECT_STOP_RE.finditer(text, begin, suffix_start):
        last = stop
    return last.end() if last else begin


def _events_and_projects(text: str) -> list[Mention]:
    from graphbuild.extract.common import clause_spans, event_after, event_opening
    from graphbuild.extract.projects import project_before
    from graphbuild.lexicon.events import ORGANIZE_VERB_RE

    out = []
    for verb in ORGANIZE_VERB_RE.finditer(text):
        ev = event_after(text, verb.end())
        if ev and ev.type == "Event":
            out.append(Mention("Event", ev.name, ev.start, ev.end, subtype=ev.subtype))
    for start, end in clause_spans(text):
        ev = event_opening(text, start, end)
        if ev:
            out.append(Mention("Event", ev.name, ev.start, ev.end, subtype=ev.subtype))
    for m in re.finditer("项目", text):
        project = project_before(text, m.end())
        if project:
            out.append(Mention("Project", project.name, project.start, project.end))
    return out


def _date(m: re.Match[str]) -> Mention:
    if m.group(4):
        value = PartialDate(int(m.group(4)))
    else:
        year = int(m.group(1)) if m.group(1) else None
        value = PartialDate(year, int(m.group(2)), int(m.group(3)))
    return Mention("Date", m.group(), m.start(), m.end(), value=value)
