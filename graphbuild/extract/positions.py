"""holds_position: Person → Position, from titles written right before a name.

市委副书记、市长周立群 gives 周立群 holds 市委副书记 and 市长; 副市长赵晓红、钱立新 gives both
副市长. Only titles attached to the name (or shared along a 、 list) count, for precision; one
fact per (person, title) per article, from the first sentence that states it.
"""

from __future__ import annotations

from bisect import bisect_right

from graphbuild.extract.base import ArticleContext
from graphbuild.model import Fact
from graphbuild.nlp.persons import Token
from graphbuild.nlp.positions import TitledPerson, find_titled_persons

RULE_DIRECT = "positions.holds_position.title_before_name"
RULE_CHAINED = "positions.holds_position.chained_titles"  # 市委副书记、市长周立群
RULE_SHARED = "positions.holds_position.shared_title"  # 副市长赵晓红、钱立新: 钱立新 shares it


def extract(ctx: ArticleContext) -> list[Fact]:
    """The article's sentences are read in one pass, joined by newlines (titles never cross
    one), reusing the Person mentions of ctx when it has them."""
    if not ctx.sentences:
        return []
    joined, starts = ctx.joined()
    persons = _persons(ctx, starts)
    if persons == []:
        return []  # a title makes a fact only with the name it governs
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    q = {"date": ctx.article.date.iso()} if ctx.article.date and ctx.article.date.iso() else None
    tokens = _cached_tokens(ctx, joined)
    for person in find_titled_persons(joined, tokens, persons):
        i = bisect_right(starts, person.start) - 1
        sentence, offset = ctx.sentences[i], starts[i]
        for title, (start, _) in zip(person.titles, person.title_spans, strict=True):
            if (person.name, title) in seen or start < offset:
                continue
            seen.add((person.name, title))
            span = (min(start, person.start) - offset, person.end - offset)
            facts.append(ctx.fact(person.name, "Person", "holds_position", title, "Position",
                                  sentence, _rule(person), q=q, span=span))
    return facts


def _cached_tokens(ctx: ArticleContext, joined: str) -> list[Token] | None:
    """The tokens the extractor cut the same joined text into (`joined_tokens`), if any."""
    cached = ctx.cache.get("joined_tokens")
    return cached[1] if cached and cached[0] == joined else None


def _persons(ctx: ArticleContext, starts: list[int]) -> list[tuple[str, int, int]] | None:
    """The Person mentions of ctx in joined-text offsets, or None when ctx has none computed."""
    if len(ctx.mentions) != len(ctx.sentences):
        return None
    return sorted(((m.text, m.start + base, m.end + base)
                   for mentions, base in zip(ctx.mentions, starts, strict=True)
                   for m in mentions if m.type == "Person"), key=lambda p: (p[1], p[2]))


def _rule(person: TitledPerson) -> str:
    """Which pattern attached this title to this name."""
    if person.shared:
        return RULE_SHARED
    return RULE_DIRECT if len(person.titles) == 1 else RULE_CHAINED
