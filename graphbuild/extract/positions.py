"""holds_position: Person → Position, from titles written right before a name.

市委副书记、市长陈德明 gives 陈德明 holds 市委副书记 and 市长; 副市长汤艳、许辉 gives both names
副市长. Only titles attached to the name (or shared along a 、 list) count, for precision; one
fact per (person, title) per article, from the first sentence that states it.
"""

from __future__ import annotations

from graphbuild.extract.base import ArticleContext
from graphbuild.model import Fact
from graphbuild.nlp.positions import TitledPerson, find_titled_persons

RULE_DIRECT = "positions.holds_position.title_before_name"
RULE_CHAINED = "positions.holds_position.chained_titles"  # 市委副书记、市长陈德明
RULE_SHARED = "positions.holds_position.shared_title"  # 副市长汤艳、许辉: 许辉 shares it


def extract(ctx: ArticleContext) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    q = {"date": ctx.article.date.iso()} if ctx.article.date and ctx.article.date.iso() else None
    for sentence in ctx.sentences:
        for person in find_titled_persons(sentence.text.text):
            for title, (start, _) in zip(person.titles, person.title_spans, strict=True):
                if (person.name, title) in seen:
                    continue
                seen.add((person.name, title))
                span = (min(start, person.start), person.end)
                facts.append(ctx.fact(person.name, "Person", "holds_position", title, "Position",
                                      sentence, _rule(person), q=q, span=span))
    return facts


def _rule(person: TitledPerson) -> str:
    """Which pattern attached this title to this name."""
    if person.shared:
        return RULE_SHARED
    return RULE_DIRECT if len(person.titles) == 1 else RULE_CHAINED
