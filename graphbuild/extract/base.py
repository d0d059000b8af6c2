"""What every relation-family module receives, and the one way to make a Fact with its evidence.

A relation module exposes `extract(ctx: ArticleContext) -> list[Fact]` and names its rules
"<module>.<predicate>.<rule>" so each fact says which rule made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphbuild.model import Article, Evidence, Fact, Mention, Sentence


@dataclass(slots=True)
class ArticleContext:
    article: Article
    sentences: list[Sentence]
    mentions: list[list[Mention]] = field(default_factory=list)  # mentions[i] belong to sentences[i]
    cache: dict[str, Any] = field(default_factory=dict)  # article-level analyses shared by modules

    @property
    def home_city(self) -> str | None:
        return self.article.home_city

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
