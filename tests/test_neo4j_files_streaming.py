"""DIR/neo4j/ is written a group of rows at a time: the files must not depend on how the rows are
cut up, nor on whether articles and evidence live in memory or are streamed from disk."""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from graphbuild.model import ArticleMeta, Evidence, Graph, GraphFact
from graphbuild.stores import pgmap
from graphbuild.writers import neo4j_files


class StreamedArticles(Mapping):
    """graph.articles as a disk-backed graph gives them: streamed in id order, counted cheaply,
    never looked up by id."""

    def __init__(self, articles: dict[str, ArticleMeta]) -> None:
        self.blob, self.count = pickle.dumps(sorted(articles.items())), len(articles)

    def items(self) -> Iterator[tuple[str, ArticleMeta]]:  # type: ignore[override]
        yield from pickle.loads(self.blob)

    def values(self) -> Iterator[ArticleMeta]:  # type: ignore[override]
        return (article for _, article in self.items())

    def __iter__(self) -> Iterator[str]:
        return (aid for aid, _ in self.items())

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, aid: str) -> ArticleMeta:
        raise AssertionError(f"articles looked up by id ({aid})")

    def __contains__(self, aid: object) -> bool:
        raise AssertionError(f"articles searched by id ({aid})")


class StreamedFact:
    """A GraphFact whose evidence is decoded afresh on every access, as from disk."""

    def __init__(self, fact: GraphFact, reads: Counter) -> None:
        self.id, self.s, self.p, self.o, self.q = fact.id, fact.s, fact.p, fact.o, fact.q
        self.blob, self.reads = pickle.dumps(fact.evidence), reads

    @property
    def evidence(self) -> list[Evidence]:
        self.reads[self.id] += 1
        return pickle.loads(self.blob)


def streamed(graph: Graph, reads: Counter) -> Graph:
    facts = {fid: StreamedFact(fact, reads) for fid, fact in graph.facts.items()}
    return Graph(entities=graph.entities, facts=facts, articles=StreamedArticles(graph.articles))  # type: ignore[arg-type]


def written(graph: Graph, out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in neo4j_files.write(graph, out)}


@pytest.fixture()
def ragged_graph(mini_graph) -> Graph:
    """Rows that differ in shape: the first article lacks properties a later one has, an article
    was inserted out of id order, one fact has odd evidence."""
    first = mini_graph.articles.pop("mini_page.txt#0")
    first.credits, first.home_city = [], None
    mini_graph.articles["mini_page.txt#0"] = first
    fact = next(f for f in mini_graph.facts.values() if len(f.evidence) == 2)
    fact.evidence[1].sentence = 2.5  # type: ignore[assignment]
    return mini_graph


def test_files_are_the_same_from_a_graph_streamed_from_disk(ragged_graph, tmp_path):
    expected = written(ragged_graph, tmp_path / "memory")
    reads: Counter = Counter()
    assert written(streamed(ragged_graph, reads), tmp_path / "disk") == expected
    # each fact's evidence is read once for its relationship and once for its SUPPORTS rows
    assert set(reads) == set(ragged_graph.facts) and max(reads.values()) == 2


def test_the_loader_sends_the_same_batches_from_a_graph_streamed_from_disk(ragged_graph):
    expected = [(b.cypher, b.params, b.kind) for b in pgmap.load_batches(ragged_graph, 4)]
    batches = pgmap.iter_batches(streamed(ragged_graph, Counter()), 4)
    assert [(b.cypher, b.params, b.kind) for b in batches] == expected


@pytest.mark.parametrize("statement_rows", [200, 3])
def test_files_are_the_same_when_rows_come_a_few_at_a_time(ragged_graph, tmp_path, monkeypatch,
                                                           statement_rows):
    """Small chunks: statements span chunks, and a CSV header guessed from the first rows is
    wrong (the first article has no credits) and must be put right."""
    monkeypatch.setattr(neo4j_files, "LOAD_CYPHER_BATCH", statement_rows)
    expected = written(ragged_graph, tmp_path / "whole")
    monkeypatch.setattr(neo4j_files, "ROWS_PER_CHUNK", 1)
    monkeypatch.setattr(neo4j_files, "EVIDENCE_PER_CHUNK", 1)
    assert written(ragged_graph, tmp_path / "bits") == expected
    header = (tmp_path / "bits" / "neo4j" / "nodes_Article.csv").read_text().splitlines()[0]
    assert "credits:string[]" in header.split(",") and "home_city" in header.split(",")


def test_odd_evidence_in_one_fact_leaves_every_other_row_alone(mini_graph):
    """Evidence is checked fact by fact: one fact's odd field is cleaned in its rows only."""
    before = {(r.type, r.start, r.end, r.props.get("fact")): r.props for r in pgmap.rel_rows(mini_graph)}
    fact = next(f for f in mini_graph.facts.values() if len(f.evidence) == 2)
    fact.evidence[0].text = None  # type: ignore[assignment]
    after = {(r.type, r.start, r.end, r.props.get("fact")): r.props for r in pgmap.rel_rows(mini_graph)}
    changed = {key for key in before if before[key] != after[key]}
    assert changed and all(key[3] == fact.id or before[key].get("id") == fact.id for key in changed)
