"""Writers on an archive's scale: articles streamed from disk, evidence decoded on each read.

An archive of millions of pages keeps its articles in a file that can only be iterated and decodes a
fact's evidence afresh on each read. The facts, Gephi and report writers and the build summary must
give the same bytes from such a graph, read each fact's evidence once per pass, and keep their
counts and order right when what they sort or count no longer fits their memory and goes to disk.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest

from graphbuild import ondisk, progress, summary
from graphbuild.graphio import load_graph
from graphbuild.model import ArticleMeta, Evidence, Graph, GraphFact
from graphbuild.writers import facts_jsonl, gephi, report

FILES = {"facts": ["facts.jsonl"], "gephi": ["graph.graphml", "graph.gexf"], "report": ["report.html"]}
WRITE = {"facts": facts_jsonl.write, "gephi": gephi.write, "report": report.write}


class StreamedArticles(Mapping[str, ArticleMeta]):
    """graph.articles as an archive keeps them: streamed in id order (fresh objects), never looked up."""

    def __init__(self, metas: Iterable[ArticleMeta]) -> None:
        self._metas = sorted(metas, key=lambda meta: meta.id)

    def __iter__(self) -> Iterator[str]:
        return (meta.id for meta in self._metas)

    def __len__(self) -> int:
        return len(self._metas)

    def __getitem__(self, key: str) -> ArticleMeta:
        raise AssertionError(f"article {key} looked up: articles can only be streamed")

    def __contains__(self, key: object) -> bool:
        raise AssertionError(f"article {key} looked up: articles can only be streamed")

    def values(self) -> Iterator[ArticleMeta]:  # type: ignore[override]
        return (dataclasses.replace(meta) for meta in self._metas)

    def items(self) -> Iterator[tuple[str, ArticleMeta]]:  # type: ignore[override]
        return ((meta.id, meta) for meta in self.values())


class StoredFact(GraphFact):
    """A fact whose evidence, as in an archive, is decoded into new objects on every read."""

    __slots__ = ("_stored", "reads")

    @property  # type: ignore[override]
    def evidence(self) -> list[Evidence]:
        self.reads += 1
        return [dataclasses.replace(ev) for ev in self._stored]

    @evidence.setter
    def evidence(self, value: list[Evidence]) -> None:
        self._stored, self.reads = list(value), 0


def archive_graph(graph: Graph) -> Graph:
    facts = {fid: StoredFact(f.id, f.s, f.p, f.o, f.q, f.evidence) for fid, f in graph.facts.items()}
    return Graph(graph.entities, facts, StreamedArticles(graph.articles.values()))  # type: ignore[arg-type]


def most_reads(graph: Graph) -> int:
    reads = max(fact.reads for fact in graph.facts.values())  # type: ignore[attr-defined]
    for fact in graph.facts.values():
        fact.reads = 0  # type: ignore[attr-defined]
    return reads


def summary_text(graph: Graph) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        summary.print_summary(graph, {"pages": 3, "seconds": 1.5})
    return out.getvalue()


@pytest.fixture(scope="module")
def seeds_graph(seeds_build) -> tuple[Graph, Path]:
    out_dir = Path(seeds_build.out_dir)
    return load_graph(out_dir / "graph.json"), out_dir


@pytest.fixture()
def loud(monkeypatch):
    monkeypatch.setattr(progress.settings, "quiet", False)  # the summary's full tables


# Passes over the facts that read evidence: facts and gephi one each; the report one for the
# predicate table, one for the officials and one for the projects (a fact may be about two),
# two for the full picture and one for each bipartite view.
MOST_READS = {"facts": 1, "gephi": 1, "report": 7}


@pytest.mark.parametrize("writer", sorted(WRITE))
def test_writers_give_the_same_files_from_an_archive_that_only_streams(seeds_graph, tmp_path, writer):
    graph, built = seeds_graph
    archive = archive_graph(graph)
    WRITE[writer](archive, tmp_path)
    for name in FILES[writer]:
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name
    assert 1 <= most_reads(archive) <= MOST_READS[writer]


def test_summary_counts_the_same_from_an_archive_that_only_streams(seeds_graph, loud):
    graph, _ = seeds_graph
    archive = archive_graph(graph)
    assert summary_text(archive) == summary_text(graph)
    assert most_reads(archive) == 1


def test_counts_and_order_stay_right_when_sorting_goes_to_disk(seeds_graph, tmp_path, monkeypatch, loud):
    graph, built = seeds_graph
    expected_summary = summary_text(graph)
    monkeypatch.setattr(ondisk, "RUN_ITEMS", 3)  # count_distinct: 3 article ids in memory
    monkeypatch.setattr(ondisk, "RUN_BYTES", 500)  # sorted_unique: a couple of lines a run
    monkeypatch.setattr(ondisk, "MERGE_WIDTH", 3)  # and runs merged three at a time
    for writer in ("facts", "report"):
        WRITE[writer](graph, tmp_path)
        for name in FILES[writer]:
            assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name
    assert summary_text(graph) == expected_summary


def test_pages_are_counted_once_when_their_articles_interleave(mini_graph, tmp_path):
    """Page `p`'s articles p#1 and p#10 sort around p#1#0, an article of page `p#1`."""
    template = next(iter(mini_graph.articles.values()))
    metas = [dataclasses.replace(template, id=f"{doc}#{i}", doc=doc)
             for doc, i in (("p", 1), ("p#1", 0), ("p", 10), ("p", 2))]
    mini_graph.articles = StreamedArticles(metas)  # type: ignore[assignment]
    assert [meta.doc for meta in mini_graph.articles.values()] == ["p", "p#1", "p", "p"]
    assert "<div><b>2</b>pages</div>" in report.render(mini_graph)
    facts_jsonl.write(mini_graph, tmp_path)
    lines = (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    people = [line for line in lines if '"entity"' in line]
    assert len(people) == len(set(people)) > 0  # each person once per page


@pytest.mark.parametrize("spill", [False, True])
def test_facts_stay_ordered_by_page_whatever_its_name_holds(mini_graph, tmp_path, monkeypatch, spill):
    """Sort keys escape characters below a space (a tab, a newline, NUL) and keep tuple order."""
    if spill:
        monkeypatch.setattr(ondisk, "RUN_BYTES", 300)
        monkeypatch.setattr(ondisk, "MERGE_WIDTH", 2)
    docs = ["p", "p\t1", "p 1", "p\n", "p\x00", "页", "p\x01"]
    for i, fact in enumerate(sorted(mini_graph.facts.values(), key=lambda f: f.id)):
        fact.evidence = [dataclasses.replace(ev, doc=docs[i % len(docs)]) for ev in fact.evidence]
    for i, meta in enumerate(mini_graph.articles.values()):
        meta.doc = docs[i]
    facts_jsonl.write(mini_graph, tmp_path)
    rows = [json.loads(line) for line in (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    keys = [(r["doc"], "entity" in r, r.get("p", ""), r.get("s", r.get("entity")), r.get("o", ""), r["id"])
            for r in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {r["doc"] for r in rows} == set(docs)
    named = {(meta.doc, id_) for meta in mini_graph.articles.values() for id_ in meta.mentions
             if mini_graph.entities[id_].type == "Person"}
    assert sorted((r["doc"], r["id"]) for r in rows if "entity" in r) == sorted(named)
