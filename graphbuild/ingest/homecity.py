"""The paper's own city, from the divisions a page names."""

from __future__ import annotations

import re

from graphbuild.lexicon.divisions import city_votes, load_gazetteer

# 本报四平讯 / 四平日报: a page naming its own paper settles the question.
_OWN_PAPER = re.compile(r"本报(\S{2,3})讯|(\S{2,3})日报社")
_SAMPLE = 200_000  # characters looked at: plenty for a page, bounded for a 10 MB one


def home_city(text: str, min_votes: int = 3) -> str | None:
    """Canonical prefecture name (e.g. 四平市) the page is most about, or None when unclear."""
    text = text[:_SAMPLE]
    votes = city_votes(text)
    gaz = load_gazetteer()
    for m in _OWN_PAPER.finditer(text):
        city = gaz.city_of(m.group(1) or m.group(2))
        if city is not None:
            votes[city.name] += 5
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < min_votes:
        return None
    if len(ranked) > 1 and ranked[1][1] * 1.5 >= ranked[0][1]:
        return None
    return ranked[0][0]
