"""ArticleRecord: what resolution needs from one article, small enough to keep and persist.

Workers send records (not texts) back to the parent, and `DIR/extractions.jsonl` stores them so
that `build --append` can re-resolve old and new pages together: resolution is a pure function
of the set of records.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild import ondisk
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


# -- record files: DIR/extractions.jsonl, grouped by page ---------------------------------------

def page_key(record: ArticleRecord) -> str:
    """Where a record's line goes in a record file: by page, then article (JSON, so no tab)."""
    return json.dumps([record.meta.doc, record.meta.id], ensure_ascii=False)


def keyed_row(key: str, line: str) -> bytes:
    """A record line with its page key in front, as write_grouped takes it (and a spool keeps it)."""
    return f"{key}\t{line}\n".encode("utf-8", "surrogatepass")


def write_grouped(rows: Iterable[bytes], path: Path, work_dir: Path | None = None) -> None:
    """Write the lines of keyed rows (keyed_row) ordered by key, then text, one line per key (an
    article read twice keeps its smaller line, as resolve_records does) — the same file for the
    same records whatever their order — with an external sort, so memory does not grow with them."""
    previous = None
    with open(path, "wb") as out:
        for row in ondisk.sorted_unique(rows, work_dir):  # neither a JSON key nor a line holds a tab
            key, line = row.split(b"\t", 1)
            if key != previous:
                out.write(line)
                previous = key


def read_lines(path: Path) -> Iterator[tuple[str, ArticleRecord]]:
    """(line, record) of a record file, one at a time; a line of another format is a ValueError
    naming the file."""
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(map(str.rstrip, fh), 1):
            if not line:
                continue
            try:
                record = from_json(line)
            except (ValueError, KeyError, TypeError) as exc:
                cause = " ".join(str(exc).split()) or type(exc).__name__
                raise ValueError(f"{path}: line {number} is not a record of this version ({cause})") from None
            yield line, record


def read_pages(path: Path) -> Iterator[list[ArticleRecord]]:
    """A record file written by write_grouped, one page's records at a time."""
    page: list[ArticleRecord] = []
    for _, record in read_lines(path):
        if page and record.meta.doc != page[0].meta.doc:
            yield page
            page = []
        page.append(record)
    if page:
        yield page
