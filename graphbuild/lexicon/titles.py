"""Official titles and the organisation words that prefix them: loaded once, then cached.

A post as written is [organisation prefix][title head]: 市委 + 副书记, 龙湖区文旅局 + 副局长. The
heads and the common organisation words ship as data; any other prefix is recognised by its
suffix (局, 委, 办, 区 …), so unseen combinations compose.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from graphbuild.lexicon.divisions import trie_pattern

_DATA = Path(__file__).resolve().parent / "data"


def _words(name: str) -> list[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [w for line in lines if not line.startswith("#") for w in line.split()]


@cache
def title_heads() -> frozenset[str]:
    """Heads of posts people hold (书记, 副市长): what holds_position reports."""
    return frozenset(_words("titles.txt"))


@cache
def role_words() -> frozenset[str]:
    """Occupations and roles written before a name (记者, 教师): cues for names, not posts."""
    return frozenset(_words("titles.roles.txt"))


@cache
def org_words() -> frozenset[str]:
    return frozenset(_words("titles.orgs.txt"))


@cache
def org_suffixes() -> tuple[str, ...]:
    """Longest first, for endswith checks that prefer 管委会 over 会."""
    return tuple(sorted(set(_words("titles.suffixes.txt")), key=lambda w: (-len(w), w)))


@cache
def head_pattern() -> re.Pattern[str]:
    """Matches any title head, the longest where several start together; use with finditer /
    match at a position. A trie: far faster than the flat alternation of a few hundred heads."""
    return re.compile(trie_pattern(title_heads()))


@cache
def heads_ending_at(roles: bool) -> dict[str, tuple[str, ...]]:
    """Title heads (and roles) by last character, longest first: for scanning left of a name."""
    words = title_heads() | role_words() if roles else title_heads()
    groups: dict[str, list[str]] = {}
    for head in sorted(words, key=lambda w: (-len(w), w)):
        groups.setdefault(head[-1], []).append(head)
    return {last: tuple(heads) for last, heads in groups.items()}


def head_before(text: str, end: int, roles: bool = False) -> int:
    """Start of the longest title head (or, with roles, role word) ending at text[end], or -1."""
    if text[end - 1:end] not in heads_ending_at(roles):
        return -1  # most characters end no head at all
    length = _head_length(text[max(0, end - _longest_head()):end], roles)
    return end - length if length else -1


@lru_cache(maxsize=1 << 16)
def _head_length(tail: str, roles: bool) -> int:
    """Length of the longest head (or role) `tail` ends with, or 0; tails recur, so cached."""
    for head in heads_ending_at(roles).get(tail[-1], ()):
        if tail.endswith(head):
            return len(head)
    return 0


@cache
def _longest_head() -> int:
    return max(map(len, title_heads() | role_words()))


def is_org_prefix(word: str) -> bool:
    """Whether `word` can name the body a title belongs to (市委, 文旅局, 经济开发区管委会)."""
    return word in org_words() or word.endswith(org_suffixes())
