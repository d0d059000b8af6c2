"""Entity resolution: article extractions in, one resolved Graph out.

`resolve(extractions)` is a pure function of the *set* of extractions: records are sorted by
article id first and every choice (canonical name, merge representative) is made from sorted
sets, so input order, worker count and append order cannot change the graph.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphbuild.model import ArticleExtraction, Graph
from graphbuild.resolve.records import ArticleRecord, from_extraction
from graphbuild.resolve.resolver import Resolution, Resolver, resolve_records

__all__ = ["ArticleRecord", "Resolution", "Resolver", "resolve", "resolve_records"]


def resolve(extractions: Iterable[ArticleExtraction]) -> Graph:
    return resolve_records(from_extraction(x) for x in extractions).graph
