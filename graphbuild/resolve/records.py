"""ArticleRecord: what resolution needs from one article, small enough to keep and persist.

Workers send records (not texts) back to the parent, and `DIR/extractions.jsonl` stores them so
that `build --append` can re-resolve old and new pages together: resolution is a pure function
of the set of records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from graphbuild.graphio import plain
from graphbuild.model import ArticleExtraction, ArticleMeta, Credit, EntityMention, Evidence, Fact

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # json.dumps makes one per call


@dataclass(slots=True)
class ArticleRecord:
    meta: ArticleMeta
    facts: list[Fact] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)


def from_extraction(extraction: ArticleExtraction) -> ArticleRecord:
    article = extraction.article
    meta = ArticleMeta(
        id=article.id, doc=article.doc, headline=article.headline, kind=article.kind,
        home_city=article.home_city, date=article.date.iso() if article.date else "",
        span=tuple(article.span), credits=list(article.credits))
    return ArticleRecord(meta, list(extraction.facts), list(extraction.entities))


def to_json(record: ArticleRecord) -> str:
    data = {"meta": plain(record.meta), "facts": [plain(f) for f in record.facts],
            "entities": [plain(e) for e in record.entities]}
    return _ENCODER.encode(data)


def from_json(line: str) -> ArticleRecord:
    data = json.loads(line)
    return ArticleRecord(_meta(data["meta"]), [_fact(f) for f in data["facts"]],
                         [_entity(e) for e in data["entities"]])


def _meta(d: dict[str, Any]) -> ArticleMeta:
    credits = [Credit(**{**c, "span": tuple(c["span"])}) for c in d.get("credits", [])]
    return ArticleMeta(**{**d, "span": tuple(d["span"]), "credits": credits})


def _fact(d: dict[str, Any]) -> Fact:
    return Fact(**{**d, "evidence": Evidence(**d["evidence"])})


def _entity(d: dict[str, Any]) -> EntityMention:
    return EntityMention(**{**d, "span": tuple(d["span"])})
