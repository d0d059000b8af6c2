"""Issue 4's acceptance on the seeds: one node per real-world thing, posts of the right city, and
scorer figures of DIR/facts.jsonl no lower than the raw extraction's."""

from __future__ import annotations

import importlib.util
import json
import random
from collections import Counter

import pytest

from graphbuild.graphio import dumps
from graphbuild.pipeline import load_records
from graphbuild.resolve import resolve_records

DOC_002, DOC_004 = "002_ced8cf9a27840b34.txt", "004_9ab81756ae780e9d.txt"


def names(graph, type_: str) -> Counter:
    return Counter(e.name for e in graph.entities.values() if e.type == type_)


@pytest.mark.parametrize(("type_", "name"), [
    ("Person", "王相民"), ("Person", "陈德明"), ("Place", "铁东区"), ("Place", "四平市"),
    ("Place", "辽源市"), ("Event", "第十五届中国-东北亚博览会")])
def test_one_node_for_each(seeds_build, type_, name):
    assert names(seeds_build.graph, type_)[name] == 1


def test_no_two_entities_share_a_name_except_people_of_different_cities(seeds_build):
    entities = seeds_build.graph.entities.values()
    counts = Counter((e.type, e.name, e.attrs.get("home_city")) for e in entities)
    assert [k for k, n in counts.items() if n > 1] == []


def post_of_secretary(graph, doc: str) -> tuple[str, str]:
    """(post, organisation) of the 市委书记 held in `doc`."""
    ents = graph.entities
    for fact in graph.facts.values():
        post = ents[fact.o]
        if fact.p == "holds_position" and post.attrs.get("title") == "书记" and \
                any(e.doc == doc for e in fact.evidence) and post.attrs.get("org", "").endswith("市委"):
            org = next(ents[f.o].name for f in graph.facts.values() if f.p == "post_in" and f.s == post.id)
            return post.name, org
    raise AssertionError(f"no 市委书记 in {doc}")


def test_city_secretary_is_a_post_of_the_pages_own_city(seeds_build):
    assert post_of_secretary(seeds_build.graph, DOC_002) == ("四平市委书记", "四平市委")
    assert post_of_secretary(seeds_build.graph, DOC_004) == ("辽源市委书记", "辽源市委")


def test_every_fact_has_evidence_sorted_and_every_id_is_ascii(seeds_build):
    graph = seeds_build.graph
    for fact in graph.facts.values():
        keys = [(e.doc, e.article, e.start, e.end) for e in fact.evidence]
        assert keys and keys == sorted(keys)
        assert fact.s in graph.entities and fact.o in graph.entities
    assert all(i.isascii() for i in [*graph.entities, *graph.facts])


def _scorer(shared_dir):
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_resolved_facts_score_no_lower_than_raw_extraction(seeds_build, shared_dir, tmp_path):
    raw = tmp_path / "raw.jsonl"
    with open(raw, "w", encoding="utf-8") as fh:
        for record in load_records(seeds_build.out_dir):
            rows = [f.to_json() for f in record.facts] + [e.to_json() for e in record.entities]
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    score = _scorer(shared_dir).score
    gold = shared_dir / "eval" / "seeds.gold.jsonl"
    before, after = score(gold, raw), score(gold, seeds_build.out_dir / "facts.jsonl")
    assert after["facts"]["f1"] >= before["facts"]["f1"]
    assert after["person_entities"]["f1"] >= before["person_entities"]["f1"]


def test_resolution_report_counts_and_explains_merges(seeds_build):
    report = json.loads((seeds_build.out_dir / "resolution.json").read_text(encoding="utf-8"))
    assert report["pages"] == 5
    for row in report["types"].values():
        assert row["entities"] <= max(row["mentions"], 1) * 2
    tiedong = next(m for m in report["merges"] if m["name"] == "铁东区")
    assert "铁东" in tiedong["written"] and tiedong["why"]


def test_resolving_the_seeds_records_in_any_order_gives_the_same_graph(seeds_build):
    records = load_records(seeds_build.out_dir)
    expected = dumps(resolve_records(records).graph)
    assert expected == (seeds_build.out_dir / "graph.json").read_text(encoding="utf-8")
    for seed in (1, 2, 3):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert dumps(resolve_records(shuffled).graph) == expected
