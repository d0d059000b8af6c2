"""Build articles by hand for extractor tests (names are invented, not from the seeds)."""

from __future__ import annotations

from array import array
from collections.abc import Callable

import pytest

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


def objects(module, body: str, *titles: str, city: str | None = "平川市") -> set[str]:
    return {o for _, _, o in triples(module, body, *titles, city=city)}


def subjects(module, body: str, *titles: str, city: str | None = "平川市") -> set[str]:
    return {s for s, _, _ in triples(module, body, *titles, city=city)}


def exact_test(module, cases: list) -> Callable[[str, set], None]:
    """A test that `module` finds exactly the expected triples in each (body, expected) case;
    assign it to a `test_…` name in the test module."""
    @pytest.mark.parametrize(("body", "expected"), cases)
    def test(body: str, expected: set[tuple]) -> None:
        assert triples(module, body) == expected
    return test


def includes_test(module, cases: list) -> Callable[[str, tuple, set], None]:
    """A test that `module` finds (among others) the expected triples in each (body, titles,
    expected) case; assign it to a `test_…` name in the test module."""
    @pytest.mark.parametrize(("body", "titles", "expected"), cases)
    def test(body: str, titles: tuple[str, ...], expected: set[tuple]) -> None:
        assert expected <= triples(module, body, *titles)
    return test
