"""The paper's own city, from the divisions a page names."""

from __future__ import annotations

import re

from graphbuild.lexicon.divisions import city_votes, load_gazetteer

# A paper naming itself (四平日报社) is a hint. 本报长春讯 is not: it is a dispatch from elsewhere.
_OWN_PAPER = re.compile(r"([\u4e00-\u9fff]{2,3}?)日报社")
_PAPER_SUFFIX = "日报社"
_NAME_MAX = 3  # a match starts at most this many characters before its 日报社
_OWN_PAPER_VOTES = 2
_SAMPLE = 200_000  # characters looked at: plenty for a page, bounded for a 10 MB one


def home_city(text: str, min_votes: int = 3) -> str | None:
    """Canonical prefecture name (e.g. 四平市) the page is most about, or None when unclear:
    the winner needs min_votes and half as many again as the runner-up."""
    text = text[:_SAMPLE]
    votes = city_votes(text)
    gaz = load_gazetteer()
    for name in _own_paper_names(text):
        city = gaz.city_of(name)
        if city is not None:
            votes[city.name] += _OWN_PAPER_VOTES
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < min_votes:
        return None
    if len(ranked) > 1 and ranked[1][1] * 1.5 >= ranked[0][1]:
        return None
    return ranked[0][0]


def _own_paper_names(text: str) -> list[str]:
    """_OWN_PAPER.finditer's names, trying the pattern just before each 日报社 only (the
    pattern run over the whole text starts a match at every Chinese character)."""
    names: list[str] = []
    pos = 0  # where the last match ended: matches do not overlap
    at = text.find(_PAPER_SUFFIX)
    while at != -1:
        m = _OWN_PAPER.search(text, max(pos, at - _NAME_MAX), at + len(_PAPER_SUFFIX))
        if m is not None:
            names.append(m.group(1))
            pos = m.end()
        at = text.find(_PAPER_SUFFIX, at + len(_PAPER_SUFFIX))
    return names
