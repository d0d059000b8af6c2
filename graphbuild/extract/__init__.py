"""Facts and person entities of articles: every relation module over an article's sentences.

`extract_article(article)` splits sentences, finds the persons of each sentence once, and runs
each relation family's `extract(ctx)`; `extract_page` adds the page's editors as persons.
"""

from __future__ import annotations

from bisect import bisect_right

from graphbuild.extract import (
    activities,
    expos,
    inspections,
    locations,
    meetings,
    positions,
    projects,
    signings,
)
from graphbuild.extract.base import ArticleContext
from graphbuild.model import Article, ArticleExtraction, EntityMention, Mention, Page
from graphbuild.nlp.mentions import persons_by_sentence
from graphbuild.nlp.sentences import split_sentences

# One module per relation family; positions (holds_position) is the persons area's.
MODULES = (positions, meetings, inspections, activities, projects, expos, signings, locations)

__all__ = ["MODULES", "extract_article", "extract_page"]


def extract_article(article: Article) -> ArticleExtraction:
    sentences = split_sentences(article)
    ctx = ArticleContext(article, sentences)
    ctx.mentions = persons_by_sentence(sentences, ctx.cache)  # relation modules need only persons
    _recall_known_persons(ctx)
    facts = [fact for module in MODULES for fact in module.extract(ctx)]
    return ArticleExtraction(article, facts, _persons(ctx))


def extract_page(page: Page, articles: list[Article]) -> list[ArticleExtraction]:
    results = [extract_article(article) for article in articles]
    if results and page.editors:
        first = results[0]
        named = {e.name for e in first.entities}
        for credit in page.editors:
            if credit.is_person and credit.name not in named:
                named.add(credit.name)
                first.entities.append(EntityMention(page.doc, first.article.id, "Person", credit.name,
                                                    span=credit.span, role=credit.role or "editor"))
    return results


def _recall_known_persons(ctx: ArticleContext) -> None:
    """A name the article gives a person once names that person wherever it recurs: the finder
    may miss it in a sentence whose context is poor (随后，A来到…). Names of three or more
    characters only: a two-character name may also be a common word (江山, 海燕)."""
    known = {m.text for ms in ctx.mentions for m in ms if m.type == "Person" and len(m.text) >= 3}
    if not known:
        return
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    joined, starts = ctx.joined()
    for start, name in _occurrences(joined, known):
        k = bisect_right(starts, start) - 1
        by_sentence.setdefault(k, []).append((start - starts[k], name))
    for k, found in by_sentence.items():
        mentions = ctx.mentions[k]
        taken: set[int] = set()  # characters inside a mention already
        for m in mentions:
            taken.update(range(m.start, m.end))
        added = False
        for start, name in found:
            end = start + len(name)
            if start not in taken and end - 1 not in taken:
                mentions.append(Mention("Person", name, start, end))
                added = True
        if added:
            mentions.sort(key=lambda m: (m.start, m.end))


def _occurrences(text: str, names: set[str]) -> list[tuple[int, str]]:
    """(start, name) of the names in text, scanned left to right without overlaps, the longest
    name winning where several start together: what `finditer` of their alternation (longest
    first) finds, without compiling a pattern per article. No name spans a newline, so in the
    joined text each lies within one sentence and the sentences are scanned as if alone."""
    hits = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            hits.append((at, -len(name), name))
            at = text.find(name, at + 1)
    out, end = [], 0
    for start, minus_length, name in sorted(hits):
        if start >= end:
            out.append((start, name))
            end = start - minus_length
    return out


def _persons(ctx: ArticleContext) -> list[EntityMention]:
    """One EntityMention per person the article names or credits (first span wins)."""
    article = ctx.article
    found: dict[str, EntityMention] = {}
    for credit in article.credits:
        if credit.is_person and credit.name not in found:
            found[credit.name] = EntityMention(article.doc, article.id, "Person", credit.name,
                                               span=credit.span, role=credit.role)
    for sentence, mentions in zip(ctx.sentences, ctx.mentions, strict=True):
        for m in mentions:
            if m.type == "Person" and m.text not in found:
                found[m.text] = EntityMention(article.doc, article.id, "Person", m.text,
                                              span=sentence.text.raw_span(m.start, m.end))
    return list(found.values())
