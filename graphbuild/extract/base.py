"""What every relation-family module receives, and the one way to make a Fact with its evidence.

A relation module exposes `extract(ctx: ArticleContext) -> list[Fact]` and names its rules
"<module>.<predicate>.<rule>" so each fact says which rule made it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from graphbuild.model import Article, Evidence, Fact, Mention, Sentence
from graphbuild.nlp.sentences import join_sentences


@dataclass(slots=True)
class ArticleContext:
    article: Article
    sentences: list[Sentence]
    mentions: list[list[Mention]] = field(default_factory=list)  # mentions[i] belong to sentences[i]
    cache: dict[str, Any] = field(default_factory=dict)  # article-level analyses shared by modules

    @property
    def home_city(self) -> str | None:
        return self.article.home_city

    def joined(self) -> tuple[str, list[int]]:
        """The sentences joined by newlines, and where each starts in that text (made once)."""
        cached = self.cache.get("joined")
        if cached is None:
            cached = self.cache["joined"] = join_sentences(self.sentences)
        return cached

    def memo(self, key: Any) -> dict:
        """The article's dict for results remembered under `key` (made on first use; cheaper
        than cache.setdefault, which builds a new empty dict on every call)."""
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = {}
        return found

    def sentences_with_persons(self) -> list[int]:
        """Indices of the sentences that have a Person mention (read once: the mentions are
        complete before any relation module runs)."""
        found = self.cache.get("with persons")
        if found is None:
            found = self.cache["with persons"] = [k for k, mentions in enumerate(self.mentions)
                                                  if any(m.type == "Person" for m in mentions)]
        return found

    def sentences_matching(self, pattern: re.Pattern[str]) -> list[int]:
        """Indices, in order, of the sentences in which `pattern` (which must never match a
        newline) finds a match: one scan of the joined text per article and pattern. Relation
        modules read only these sentences when no rule of theirs can fire without a match."""
        key = ("matching", pattern.pattern, pattern.flags)  # (hashing a Pattern hashes its code)
        hits = self.cache.get(key)
        if hits is None:
            hits = self.cache[key] = _matching(pattern, *self.joined())
        return hits

    def evidence(self, sentence: Sentence, rule: str, start: int = 0, end: int | None = None) -> Evidence:
        """Evidence for sentence.text[start:end] (default: the whole sentence), in raw offsets."""
        end = len(sentence.text) if end is None else end
        raw_start, raw_end = sentence.text.raw_span(start, end)
        return Evidence(doc=self.article.doc, article=self.article.id, sentence=sentence.index,
                        start=raw_start, end=raw_end, text=sentence.text.text, rule=rule)

    def fact(self, s: str, s_type: str, p: str, o: str, o_type: str, sentence: Sentence, rule: str,
             q: dict[str, Any] | None = None, s_subtype: str | None = None,
             o_subtype: str | None = None, span: tuple[int, int] | None = None) -> Fact:
        start, end = span if span else (0, None)
        return Fact(s=s, s_type=s_type, p=p, o=o, o_type=o_type,
                    evidence=self.evidence(sentence, rule, start, end), q=dict(q or {}),
                    s_subtype=s_subtype, o_subtype=o_subtype)


def _matching(pattern: re.Pattern[str], joined: str, starts: list[int]) -> list[int]:
    hits: list[int] = []
    pos = 0
    while (m := pattern.search(joined, pos)) is not None:
        i = bisect_right(starts, m.start()) - 1
        hits.append(i)
        if i + 1 == len(starts):
            break
        pos = starts[i + 1]  # one match is enough: go on from the next sentence
    return hits
