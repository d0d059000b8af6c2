"""ArticleRecord: what resolution needs from one article, small enough to keep and persist.

Workers send records (not texts) back to the parent, and `DIR/extractions.jsonl` stores them so
that `build --append` can re-resolve old and new pages together: resolution is a pure function
of the set of records.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

from graphbuild.graphio import line_encoder
from graphbuild.model import ArticleExtraction, ArticleMeta, Credit, EntityMention, Evidence, Fact

_ENCODER = line_encoder()  # json.dumps makes an encoder per call


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
    return _ENCODER.encode({"meta": record.meta, "facts": record.facts, "entities": record.entities})


def from_json(line: str) -> ArticleRecord:
    data = json.loads(line)
    return ArticleRecord(_meta(data["meta"]), [_fact(f) for f in data["facts"]],
                         [_entity(e) for e in data["entities"]])


# The dicts come fresh from json.loads: they are filled in place, not copied.

def _meta(d: dict[str, Any]) -> ArticleMeta:
    d["span"] = tuple(d["span"])
    if "credits" in d:
        d["credits"] = [Credit(**{**c, "span": tuple(c["span"])}) for c in d["credits"]]
    return ArticleMeta(**d)


def _fact(d: dict[str, Any]) -> Fact:
    evidence = d["evidence"]
    if type(evidence.get("text")) is str:  # one sentence backs several facts: keep it once
        evidence["text"] = sys.intern(evidence["text"])
    d["evidence"] = Evidence(**evidence)
    return Fact(**d)


def _entity(d: dict[str, Any]) -> EntityMention:
    d["span"] = tuple(d["span"])
    return EntityMention(**d)
