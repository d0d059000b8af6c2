"""Names with the titles that govern them: 市委副书记、市长周立群 → 周立群: 市委副书记, 市长.

A title as written is [organisation prefix][title head] (龙湖区文旅局 + 副局长); heads come from
the title lexicon, prefixes from the organisation lexicon or any nominal words ending in an
organisation or place suffix, so unseen combinations compose. Titles chained with 、 all govern
the name after them, and a list of names after a title shares it (副市长赵晓红、钱立新、孙海波).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from graphbuild.lexicon.titles import head_before, head_pattern, is_org_prefix, org_suffixes
from graphbuild.nlp.persons import (
    Token,
    division_names,
    find_persons,
    is_known_word,
    token_starts,
    tokenize,
)

# Tags of the words an organisation prefix is made of (文明委 is tagged nr, 文旅 j, 第一 m,
# and 延边州|委 zg).
_NOMINAL_TAGS = frozenset({"n", "ns", "nt", "nz", "j", "nr", "nrt", "nrfg", "b", "vn", "an", "m",
                           "ng", "zg", "g"})
_FORMER = frozenset("原前")
_FORMER_WORDS = frozenset({"时任", "曾任", "历任", "前任", "退休"})
# The last character of a body may begin its head too: 外交部长 is 外交部 + 部长.
_SHARED_SUFFIX = frozenset("部局厅处科院所站队社馆行校")
# Words that start a phrase before a post rather than name its organisation (我市, 原).
_NOT_PREFIX_START = frozenset("我本各该这那原前时")
_MODIFIERS = ("常务", "名誉", "执行", "代理", "专职", "第一", "副", "代")
_SHARED_MARKS = ("副", "常委", "委员", "成员", "助理", "代表")
_CHAIN_MARKS = "、兼"  # 市委副书记、市长周立群; 副总理兼外长唐国华
_MAX_PREFIX = 16  # characters; 经济技术开发区管委会 fits
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
# A place's last character may begin its head too: 梅河口市长 is 梅河口市 + 市长.
_PLACE_SHARED_SUFFIX = frozenset("市县州区旗")


@dataclass(slots=True)
class TitledPerson:
    name: str
    titles: list[str]  # as written, with their organisation prefix: 市委副书记, 龙湖区文旅局副局长
    start: int  # [start, end) of the name in the text
    end: int
    title_spans: list[tuple[int, int]] = field(default_factory=list)  # one per title
    shared: bool = False  # the titles stand before an earlier name of the same 、 list


def find_titled_persons(text: str, tokens: list[Token] | None = None,
                        persons: list[tuple[str, int, int]] | None = None) -> list[TitledPerson]:
    """Every person find_persons sees that a title governs, in text order. `tokens`
    (persons.tokenize(text)) and `persons` (find_persons(text)) save computing them again."""
    tokens = tokenize(text) if tokens is None else tokens
    persons = find_persons(text, tokens) if persons is None else persons
    titles = _titles_before_names(text, tokens, [(start, end) for _, start, end in persons])
    by_end = {end: (start, end) for start, end in titles}
    result: list[TitledPerson] = []
    previous: TitledPerson | None = None
    for name, start, end in persons:
        spans, shared = _chain_before(text, start, by_end), False
        if not spans and previous and _listed_after(text, previous, start):
            spans = [(s, e) for s, e in previous.title_spans if _shareable(text[s:e])]
            shared = True  # 副市长赵晓红、钱立新: the title is shared
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


def _shareable(title: str) -> bool:
    """Whether several people can hold the title at once (副市长, 市委常委), so a list of names
    after it shares it; 市委书记王某、李某 does not make 李某 a party secretary."""
    return any(mark in title for mark in _SHARED_MARKS) or title.endswith("员")


def _listed_after(text: str, previous: TitledPerson, start: int) -> bool:
    """Whether the name at `start` continues a list that `previous` began (only 、 between)."""
    return text[previous.end:start] == "、"


# ---------------------------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------------------------


def find_titles(text: str, tokens: list[Token] | None = None,
                names: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """[start, end) of every current title (with its organisation prefix) in text, in text
    order. A head must end where jieba's cut ends a word or where a name begins (so 委员会 is no
    委员); a prefix never reaches into a name; former posts (原市长, 时任书记) are left out."""
    tokens = tokenize(text) if tokens is None else tokens
    names = names or []
    boundaries = {*token_starts(tokens), len(text), *(start for start, _ in names)}
    name_ends = sorted(end for _, end in names)
    spans, pos, pattern = [], 0, head_pattern()
    while m := pattern.search(text, pos):
        if m.end() in boundaries:
            title = _title_with_prefix(text, tokens, m.start(), m.end(), name_ends)
            if title:
                spans.append(title)
            pos = m.end()
        else:
            pos = m.start() + 1  # 委员会 is no 委员: try the heads that start further on
    return spans


def _titles_before_names(text: str, tokens: list[Token],
                         names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The titles find_titles would give that can govern a name: those ending where a name
    begins, and those chained before them with 、 or 兼. Reading only there is much cheaper
    than scanning the whole text for heads."""
    boundaries = {*token_starts(tokens), len(text), *(start for start, _ in names)}
    name_ends = sorted(end for _, end in names)
    spans: set[tuple[int, int]] = set()
    for end, _ in names:
        while end in boundaries and (head := head_before(text, end)) >= 0:
            title = _title_with_prefix(text, tokens, head, end, name_ends)
            if not title or title in spans:
                break
            spans.add(title)
            if title[0] == 0 or text[title[0] - 1] not in _CHAIN_MARKS:
                break
            end = title[0] - 1
    return sorted(spans)


def _title_with_prefix(text: str, tokens: list[Token], head_start: int, head_end: int,
                       name_ends: list[int]) -> tuple[int, int] | None:
    """[start, end) of the title whose head is text[head_start:head_end], with its modifiers
    and organisation prefix, never reaching into an earlier name; None for a former post."""
    i = bisect_right(name_ends, head_start)
    floor = name_ends[i - 1] if i else 0
    start, reach = _prefix_start(text, tokens, _with_modifiers(text, head_start))
    start = max(start, floor)
    if _former(text, start) or _former(text, max(reach, floor)):
        return None
    return start, head_end


def _with_modifiers(text: str, head_start: int) -> int:
    """Start of the head with the modifiers written before it: 副|总参谋长, 名誉|主席, 代|市长."""
    moved = True
    while moved:
        moved = False
        for modifier in _MODIFIERS:
            if text.startswith(modifier, head_start - len(modifier)):
                head_start -= len(modifier)
                moved = True
                break
    return head_start


def _former(text: str, title_start: int) -> bool:
    """A post the person no longer holds: 原市委书记, 前国防部长, 时任市长, 曾任县长."""
    return text[title_start - 1:title_start] in _FORMER or \
        text[max(0, title_start - 2):title_start] in _FORMER_WORDS


def _prefix_start(text: str, tokens: list[Token], head_start: int) -> tuple[int, int]:
    """Start of the organisation words before a title head (市委|副书记, 龙湖区文旅局|副局长,
    经济开发区管委会|主任): nominal tokens, nearest first, each of which begins an organisation
    or place word ending at one already taken. Also where the nominal words before the head
    begin (前|国防|部长), to see what precedes them."""
    start, reach, ends = head_start, head_start, [head_start]
    if text[head_start] in _SHARED_SUFFIX:
        ends.append(head_start + 1)
    for piece_start, piece_end, tag in _pieces_before(text, tokens, head_start):
        if not _org_piece(text[piece_start:piece_end], tag) \
                or head_start - piece_start > _MAX_PREFIX \
                or text[piece_start] in _NOT_PREFIX_START or _not_a_body(text, piece_start):
            break
        reach = piece_start
        if any(is_org_prefix(text[piece_start:end]) for end in ends if end > piece_start):
            start = piece_start
            ends.append(piece_start)
        elif len(ends) > 1 and head_start - piece_start > 6:
            break
    division = min(_division_start(text, head_start, shared=True),
                   _division_start(text, start, shared=False))
    return min(start, division), min(reach, division)


def _org_piece(word: str, tag: str) -> bool:
    """Whether a token can be part of an organisation's name: a nominal word, an organisation
    suffix whatever its tag (四平|分行 v), or a word jieba does not know and guessed a verb, as
    it does with firms' names (天润|新能 v|投资集团); not a known verb (参加|中化集团)."""
    return tag in _NOMINAL_TAGS or word in _suffix_words() or \
        (len(word) >= 2 and bool(_CJK_WORD.fullmatch(word)) and not is_known_word(word))


@cache
def _suffix_words() -> frozenset[str]:
    """Organisation suffixes as words: jieba may tag them verbs (四平|分行 v|行长)."""
    return frozenset(org_suffixes())


def _division_start(text: str, end: int, shared: bool) -> int:
    """Start of the longest Jilin division name (or short form) ending at `end`, or, with
    `shared`, ending with the head's first character (梅河口市|长); else `end`. jieba cuts such
    names oddly (扶余 v, 前|郭县), and a place's 前 is no former post."""
    stops = [end]
    if shared and text[end:end + 1] in _PLACE_SHARED_SUFFIX:
        stops.append(end + 1)
    names, best = division_names(), end
    for stop in stops:
        for length in _division_lengths().get(text[stop - 1:stop], ()):  # longest first
            if stop - length >= 0 and text[stop - length:stop] in names:
                best = min(best, stop - length)
                break
    return best


@cache
def _division_lengths() -> dict[str, tuple[int, ...]]:
    """Lengths of the division names ending with each character, longest first: names are
    looked up only at the lengths that can end there."""
    lengths: dict[str, set[int]] = {}
    for name in division_names():
        lengths.setdefault(name[-1], set()).add(len(name))
    return {last: tuple(sorted(found, reverse=True)) for last, found in lengths.items()}


def _not_a_body(text: str, start: int) -> bool:
    """全市, 全县 … say "the whole city", not which body (but 全国政协 is a body)."""
    return text[start] == "全" and text[start + 1:start + 2] != "国"


def _pieces_before(text: str, tokens: list[Token], head_start: int) -> list[tuple[int, int, str]]:
    """Tokens left of head_start, nearest first; a token the head begins inside is cut (市委|书记)."""
    starts = token_starts(tokens)
    i = bisect_right(starts, head_start)  # tokens starting before the head
    pieces = []
    while i > 0 and head_start - starts[i - 1] <= _MAX_PREFIX + 4:
        word, tag = tokens[i - 1]
        start = starts[i - 1]
        end = start + len(word)
        pieces.append((start, min(end, head_start), tag if end <= head_start else "n"))
        i -= 1
    return pieces
