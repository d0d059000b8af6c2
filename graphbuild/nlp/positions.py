"""Names with the titles that govern them: 市委副书记、市长陈德明 → 陈德明: 市委副书记, 市长.

A title as written is [organisation prefix][title head] (龙山区文旅局 + 副局长); heads come from
the title lexicon, prefixes from the organisation lexicon or any nominal words ending in an
organisation or place suffix, so unseen combinations compose. Titles chained with 、 all govern
the name after them, and a list of names after a title shares it (副市长汤艳、许辉、徐晖).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from graphbuild.lexicon.titles import head_pattern, is_org_prefix, title_heads
from graphbuild.nlp.persons import Token, find_persons, tokenize

_NOMINAL_TAGS = frozenset({"n", "ns", "nt", "nz", "j", "nrt", "b", "vn", "an"})
# Words that start a phrase before a post rather than name its organisation (全市, 我市, 原).
_NOT_PREFIX_START = frozenset("全我本各该这那原前现时新")
_CHAIN_MARKS = "、兼"  # 市委副书记、市长陈德明; 副总理兼外长钱其琛
_MAX_PREFIX = 16  # characters; 经济技术开发区管委会 fits


@dataclass(slots=True)
class TitledPerson:
    name: str
    titles: list[str]  # as written, with their organisation prefix: 市委副书记, 龙山区文旅局副局长
    start: int  # [start, end) of the name in the text
    end: int
    title_spans: list[tuple[int, int]] = field(default_factory=list)  # one per title
    shared: bool = False  # the titles stand before an earlier name of the same 、 list


def find_titled_persons(text: str) -> list[TitledPerson]:
    """Every person find_persons sees that a title governs, in text order."""
    tokens = tokenize(text)
    persons = find_persons(text, tokens)
    titles = find_titles(text, tokens, {start for _, start, _ in persons})
    by_end = {end: (start, end) for start, end in titles}
    result: list[TitledPerson] = []
    previous: TitledPerson | None = None
    for name, start, end in persons:
        spans, shared = _chain_before(text, start, by_end), False
        if not spans and previous and _listed_after(text, previous, start):
            spans, shared = list(previous.title_spans), True  # 副市长汤艳、许辉: shared title
        current = TitledPerson(name, [text[s:e] for s, e in spans], start, end, spans, shared)
        if spans:
            result.append(current)
        previous = current if spans else None
    return result


def _chain_before(text: str, start: int, by_end: dict[int, tuple[int, int]]) -> list[tuple[int, int]]:
    """Titles that end at `start`, and those chained before them with 、 (市委常委、副市长)."""
    chain: list[tuple[int, int]] = []
    pos = start
    while pos in by_end:
        span = by_end[pos]
        chain.insert(0, span)
        if span[0] == 0 or text[span[0] - 1] not in _CHAIN_MARKS:
            break
        pos = span[0] - 1
    return chain


def _listed_after(text: str, previous: TitledPerson, start: int) -> bool:
    """Whether the name at `start` continues a list that `previous` began (only 、 between)."""
    return text[previous.end:start] == "、"


# ---------------------------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------------------------


@cache
def _head_initials() -> frozenset[str]:
    return frozenset(head[0] for head in title_heads())


def find_titles(text: str, tokens: list[Token] | None = None,
                name_starts: set[int] | None = None) -> list[tuple[int, int]]:
    """[start, end) of every title (with its organisation prefix) in text, in text order. A head
    must end where jieba's cut ends a word or where a name begins (so 委员会 is no 委员)."""
    tokens = tokenize(text) if tokens is None else tokens
    boundaries = {start for _, _, start in tokens} | {len(text)} | (name_starts or set())
    spans, pos, initials, pattern = [], 0, _head_initials(), head_pattern()
    while pos < len(text):
        m = pattern.match(text, pos) if text[pos] in initials else None
        if m and m.end() in boundaries:
            spans.append((_prefix_start(text, tokens, m.start()), m.end()))
            pos = m.end()
        else:
            pos += 1
    return spans


def _prefix_start(text: str, tokens: list[Token], head_start: int) -> int:
    """Start of the organisation words before a title head (市委|副书记, 龙山区文旅局|副局长,
    经济开发区管委会|主任): nominal tokens, nearest first, each of which begins an organisation
    or place word ending at one already taken."""
    start, ends = head_start, [head_start]
    for piece_start, _, tag in _pieces_before(text, tokens, head_start):
        if tag not in _NOMINAL_TAGS or head_start - piece_start > _MAX_PREFIX \
                or text[piece_start] in _NOT_PREFIX_START:
            break
        if any(is_org_prefix(text[piece_start:end]) for end in ends if end > piece_start):
            start = piece_start
            ends.append(piece_start)
        elif len(ends) > 1 and head_start - piece_start > 6:
            break
    return start


def _pieces_before(text: str, tokens: list[Token], head_start: int) -> list[tuple[int, int, str]]:
    """Tokens left of head_start, nearest first; a token the head begins inside is cut (市委|书记)."""
    i = bisect_right(tokens, head_start, key=lambda t: t[2])  # tokens starting before the head
    pieces = []
    while i > 0 and head_start - tokens[i - 1][2] <= _MAX_PREFIX + 4:
        word, tag, start = tokens[i - 1]
        end = start + len(word)
        pieces.append((start, min(end, head_start), tag if end <= head_start else "n"))
        i -= 1
    return pieces
