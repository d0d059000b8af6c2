"""Build articles by hand for extractor tests (names are invented, not from the seeds)."""

from __future__ import annotations

from array import array

from graphbuild.extract.base import ArticleContext
from graphbuild.model import Article, MappedText
from graphbuild.nlp.mentions import find_mentions
from graphbuild.nlp.sentences import split_sentences


def mapped(text: str) -> MappedText:
    return MappedText(text, array("q", range(len(text))))


def article(body: str, *titles: str, city: str | None = "平川市") -> Article:
    return Article("test.txt", "test.txt#0", 0, "article", [("main", mapped(t)) for t in titles],
                   mapped(body), home_city=city)


def context(body: str, *titles: str, city: str | None = "平川市") -> ArticleContext:
    art = article(body, *titles, city=city)
    sentences = split_sentences(art)
    return ArticleContext(art, sentences, [find_mentions(s, art, ("Person",)) for s in sentences])


def triples(module, body: str, *titles: str, city: str | None = "平川市") -> set[tuple]:
    """(s, p, o) of the facts `module.extract` finds in the article."""
    return {(f.s, f.p, f.o) for f in module.extract(context(body, *titles, city=city))}


def facts(module, body: str, *titles: str, city: str | None = "平川市"):
    return module.extract(context(body, *titles, city=city))
