"""Evidence and articles on disk: what a build of any size relies on to keep memory flat.

A build spills evidence, articles and records to disk and sorts them in runs merged from disk;
the runs are large, so the small corpora of the other tests never merge. These tests force
tiny runs and check that the graph and the record file come out exactly the same.
"""

from __future__ import annotations

import gc
import os
import random

import pytest

from graphbuild import graphio, ondisk
from graphbuild.model import ArticleMeta, Credit
from graphbuild.pipeline import build, load_records
from graphbuild.resolve import records, resolve_records


def test_sorted_rows_merged_from_many_runs_equal_an_in_memory_sort(tmp_path):
    rng = random.Random(7)
    rows = [(rng.choice("abc"), rng.randrange(50), rng.choice(["x", "yy", "甲"])) for _ in range(2000)]
    assert list(ondisk.sorted_rows(rows, tmp_path, run_rows=37)) == sorted(set(rows))
    assert list(tmp_path.iterdir()) == []  # the runs are anonymous files, gone once merged


def test_record_file_is_grouped_by_page_and_the_same_whatever_the_run_size(seeds_build, tmp_path,
                                                                          monkeypatch):
    lines = [records.keyed_row(records.page_key(r), records.to_json(r))
             for r in load_records(seeds_build.out_dir)]
    random.Random(3).shuffle(lines)
    records.write_grouped(lines + lines[:5], tmp_path / "whole.jsonl", tmp_path)  # duplicates: once
    monkeypatch.setattr(ondisk, "RUN_BYTES", 5000)
    monkeypatch.setattr(ondisk, "MERGE_WIDTH", 2)
    records.write_grouped(lines, tmp_path / "small.jsonl", tmp_path)
    small = (tmp_path / "small.jsonl").read_bytes()
    assert small == (tmp_path / "whole.jsonl").read_bytes()
    assert small == (seeds_build.out_dir / "extractions.jsonl").read_bytes()
    docs = [page[0].meta.doc for page in records.read_pages(tmp_path / "small.jsonl")]
    assert docs == sorted(set(docs))  # each page's records come together, pages in order


def test_graph_is_the_same_when_evidence_and_articles_are_merged_from_many_runs(seeds_build, monkeypatch):
    expected = (seeds_build.out_dir / "graph.json").read_text(encoding="utf-8")
    monkeypatch.setattr(ondisk, "RUN_ROWS", 7)
    assert graphio.dumps(resolve_records(load_records(seeds_build.out_dir)).graph) == expected


def test_a_build_graph_keeps_evidence_and_articles_on_disk_and_reads_them_back(seeds_build):
    graph = seeds_build.graph
    assert isinstance(graph.articles, ondisk.ArticleTable)
    ids = list(graph.articles)
    assert ids == sorted(ids) and len(ids) == len(graph.articles) == seeds_build.stats["articles"]
    first = next(iter(graph.articles.values()))
    assert graph.articles[first.id] == first and first.mentions
    fact = next(iter(graph.facts.values()))
    assert isinstance(fact.evidence, ondisk.EvidenceList)
    evidence = list(fact.evidence)
    assert len(evidence) == len(fact.evidence) >= 1 and fact.evidence[0] == evidence[0]
    assert evidence == sorted(evidence, key=lambda e: (e.doc, e.article, e.start, e.end, e.sentence))


def test_article_rows_round_trip():
    meta = ArticleMeta("p#1", "p", "标题", "article", "四平市", "--05-01", (3, 9),
                       [Credit("王某", "reporter", True, (1, 3))], ["person_x"])
    assert ondisk.article_from_row(ondisk.article_row(meta)) == meta


def test_the_work_folder_goes_with_the_graph_and_a_forked_child_does_not_remove_it(tmp_path):
    work = ondisk.WorkDir(tmp_path)
    (work / "f").write_text("x")
    pid = os.fork()
    if pid == 0:  # a forked writer finishing must leave the builder's files alone
        work.remove()
        os._exit(0)
    os.waitpid(pid, 0)
    assert (work / "f").exists()
    path = work.path
    del work
    gc.collect()
    assert not path.exists()


@pytest.mark.parametrize("fail", [False, True])
def test_a_build_leaves_nothing_beside_its_output_folder(seeds_dir, tmp_path, monkeypatch, fail):
    out = tmp_path / "new" / "out"  # folders that do not exist yet are made
    if fail:
        def broken(*args, **kwargs):
            raise RuntimeError("a writer's bug")
        monkeypatch.setattr("graphbuild.pipeline.run_writers", broken)
        with pytest.raises(RuntimeError):
            build(sorted(seeds_dir.glob("*.txt"))[:1], out, workers=1)
        assert sorted(p.name for p in out.parent.iterdir()) == []
        return
    result = build(sorted(seeds_dir.glob("*.txt"))[:1], out, workers=1)
    del result
    gc.collect()
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]


def test_an_article_read_twice_keeps_one_line_the_smaller(tmp_path):
    lines = [('["p","p#1"]', '{"b": 2}'), ('["p","p#0"]', '{"x": 0}'), ('["p","p#1"]', '{"a": 1}')]
    records.write_grouped([records.keyed_row(*kv) for kv in lines], tmp_path / "r.jsonl", tmp_path)
    assert (tmp_path / "r.jsonl").read_text() == '{"x": 0}\n{"a": 1}\n'


def test_a_copy_of_a_built_graph_reads_its_evidence_after_the_original_is_gone(seeds_dir, tmp_path):
    import copy

    result = build(sorted(seeds_dir.glob("*.txt"))[:1], tmp_path / "out", workers=1)
    expected = graphio.dumps(result.graph)
    graph = copy.deepcopy(result.graph)
    del result
    gc.collect()
    assert graphio.dumps(graph) == expected
    with pytest.raises(TypeError):
        import pickle
        pickle.dumps(graph)
