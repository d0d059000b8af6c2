"""Against a real Neo4j 5 (skipped unless NEO4J_URI is set): constraints, load, canned queries.

    docker run -p7474:7474 -p7687:7687 -e NEO4J_AUTH=neo4j/graphbuild-test neo4j:5
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=graphbuild-test pytest -m neo4j

The database must be empty: the test loads the mini graph, checks it, and deletes what it loaded.
"""

from __future__ import annotations

import os

import pytest

from graphbuild.stores import neo4j as store
from graphbuild.stores import pgmap
from graphbuild.writers import neo4j_files
from tests.test_cypher_queries import CONTRACT_COLUMNS, MINI_EXPECTED, MINI_PARAMS

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def neo4j_runner():
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI is not set")
    with store.open_runner(uri, os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD"),
                           os.environ.get("NEO4J_DATABASE")) as runner:
        if store.count_graph(runner) != (0, 0):
            pytest.skip("the Neo4j database is not empty; these tests need an empty one")
        yield runner
        runner.write("MATCH (n) WHERE n:Entity OR n:Article DETACH DELETE n", {})


@pytest.fixture()
def loaded(neo4j_runner, mini_graph):
    store.load(neo4j_runner, mini_graph, batch_size=5)
    return neo4j_runner


def test_constraints_exist_and_creating_them_again_is_harmless(neo4j_runner):
    neo4j_runner.ensure_schema()
    neo4j_runner.ensure_schema()
    _, rows = neo4j_runner.read("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type", {})
    unique = {(r[1][0], tuple(r[2])) for r in rows if r[3] in ("UNIQUENESS", "NODE_PROPERTY_UNIQUENESS")}
    for label in pgmap.CONSTRAINED_LABELS:
        assert (label, ("id",)) in unique


def test_loading_twice_leaves_the_counts_unchanged(loaded, mini_graph):
    counts = store.count_graph(loaded)
    assert counts == (len(mini_graph.entities) + len(mini_graph.articles), len(pgmap.rel_rows(mini_graph)))
    store.load(loaded, mini_graph, batch_size=3)
    assert store.count_graph(loaded) == counts


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_canned_queries_on_neo4j(loaded, name):
    columns, rows = store.run_canned(loaded, name, MINI_PARAMS.get(name))
    assert columns == CONTRACT_COLUMNS[name]
    assert {tuple(r) for r in rows} == MINI_EXPECTED[name]


def test_load_cypher_runs_in_neo4j(neo4j_runner, mini_graph, tmp_path):
    neo4j_files.write(mini_graph, tmp_path)
    text = (tmp_path / "neo4j" / "load.cypher").read_text()
    for statement in (s for s in text.split(";\n") if s.strip()):
        neo4j_runner.write(store.strip_comments(statement), {})
    assert store.count_graph(neo4j_runner) == (
        len(mini_graph.entities) + len(mini_graph.articles), len(pgmap.rel_rows(mini_graph)))
