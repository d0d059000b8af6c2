"""Canned SPARQL queries, safe parameters and `graphbuild query sparql` (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.stores.sparql import QUERY_DIR, QueryError, canned_names, run_canned, run_named
from graphbuild.writers import rdf
from tests.fixtures.canned import CANNED_COLUMNS as COLUMNS
from tests.fixtures.canned import MINI_PARAMS as PARAMS

A0, A1 = "mini_page.txt#0", "mini_page.txt#1"

MINI_ROWS = {
    "meetings_presided": [("孙立国", "市政府2024年第三次常务会议", "2024-03-05")],
    "person_posts": [("孙立国", "白山市长", "2024-03-05"), ("李明华", "白山市委书记", "2024-03-05"),
                     ("赵文静", "白山市副市长", "2024-03-06")],
    "projects_by_place": [("浑江区", 1, 1.2e9), ("江源区", 1, 3.5e8)],
    "expo_exhibitors": [("第十六届中国-东北亚博览会", "浑江区", 12),
                        ("第十六届中国-东北亚博览会", "白山长青药业有限公司", None)],
    "inspections": [("李明华", "白山长青药业有限公司")],
    "person_activity": [("attends", "市政府2024年第三次常务会议", A0), ("holds_position", "白山市委书记", A0),
                        ("inspects", "白山长青药业有限公司", A1)],
    "signings": [("吉林华信科技有限公司", "白山长青药业有限公司")],
    "co_attendance": [("孙立国", "李明华", 1), ("孙立国", "赵文静", 1), ("李明华", "赵文静", 1)],
    "place_hierarchy": [("白山市", "City", "吉林省"), ("长春市", "City", "吉林省"),
                        ("红旗社区", "Community", "新建街道"), ("新建街道", "Street", "浑江区"),
                        ("江源区", "District", "白山市"), ("浑江区", "District", "白山市")],
    "multi_source_facts": [("浑江区", "hosts", "新能源电池材料项目", 2)],
    "events_by_organizer": [("白山市人民政府", "市政府2024年第三次常务会议", "白山市")],
    "post_holders": [("白山市长", "孙立国", "2024-03-05")],
}


@pytest.fixture(scope="module")
def mini_store(tmp_path_factory) -> Path:
    """Built once: these tests only read the store."""
    from tests.fixtures.mini_graph import mini_graph

    out = tmp_path_factory.mktemp("mini_rdf")
    rdf.write(mini_graph(), out)
    return out


def test_the_twelve_contract_queries_exist_and_say_what_they_answer():
    assert canned_names() == sorted(COLUMNS)
    for name in COLUMNS:
        first = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and first.rstrip().endswith("?"), name


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_canned_query_on_the_mini_graph(mini_store, name):
    columns, rows = run_canned(mini_store, name, PARAMS.get(name))
    assert columns == COLUMNS[name]
    assert rows == MINI_ROWS[name]


def test_person_can_be_named_by_an_alias(mini_graph, tmp_path):
    mini_graph.entities["person-li"].aliases = ["李书记"]
    rdf.write(mini_graph, tmp_path)
    _, rows = run_canned(tmp_path, "person_activity", {"person": "李书记"})
    assert len(rows) == 3


def test_parameters_are_bound_as_data_never_as_query_text(mini_graph, tmp_path):
    hostile = '李明华"@zh } UNION { ?p ?x ?y } #'
    mini_graph.entities["person-zhao"].name = hostile
    rdf.write(mini_graph, tmp_path)
    _, rows = run_canned(tmp_path, "person_activity", {"person": hostile})
    assert {r[1] for r in rows} == {"市政府2024年第三次常务会议", "白山市副市长", "合作签约仪式"}
    _, none = run_canned(tmp_path, "person_activity", {"person": '李明华" } #'})
    assert none == []


def test_missing_and_unknown_parameters_are_errors(mini_store):
    with pytest.raises(QueryError, match="missing parameter"):
        run_canned(mini_store, "post_holders", {})
    with pytest.raises(QueryError, match="unknown parameter"):
        run_canned(mini_store, "signings", {"person": "x"})
    with pytest.raises(QueryError, match="no such canned query"):
        run_canned(mini_store, "nope", {})


def test_own_query_file_with_a_declared_parameter(mini_store, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text("# Projects over a threshold?\n# @param min decimal\n"
                  "PREFIX gb: <https://graphbuild.example/ontology#>\n"
                  "SELECT ?p WHERE { ?p a gb:Project ; gb:investmentCNY ?v FILTER(?v > ?min) }\n",
                  encoding="utf-8")
    _, rows = run_named(mini_store, str(rq), {"min": "1e9"})
    assert rows == [("https://graphbuild.example/id/project-battery",)]


def test_cli_prints_table_csv_and_json(mini_store):
    runner = CliRunner()
    table = runner.invoke(app, ["query", "sparql", "person_activity", "--store", str(mini_store),
                                "--param", "person=李明华"])
    assert table.exit_code == 0, table.output
    assert "白山长青药业有限公司" in table.output and "3 row(s)" in table.output
    csv_out = runner.invoke(app, ["query", "sparql", "projects_by_place", "--store", str(mini_store),
                                  "--format", "csv"])
    assert csv_out.output.splitlines()[:2] == ["host,projects,total_investment_cny", "浑江区,1,1200000000.0"]
    as_json = runner.invoke(app, ["query", "sparql", "signings", "--store", str(mini_store),
                                  "--format", "json"])
    assert json.loads(as_json.output) == [{"org1": "吉林华信科技有限公司", "org2": "白山长青药业有限公司"}]


def test_cli_reports_bad_input_in_one_line(mini_store, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["query", "sparql", "post_holders", "--store", str(mini_store)])
    assert missing.exit_code == 2 and "--param title=" in missing.output
    nostore = runner.invoke(app, ["query", "sparql", "signings", "--store", str(tmp_path / "none")])
    assert nostore.exit_code == 2 and "no SPARQL store" in nostore.output


# --- seeds ---------------------------------------------------------------------------------------
# Names are matched against the variants the gold file accepts; these depend on extraction quality.

RED_ZONE = {"红开区", "红嘴经济技术开发区", "红嘴开发区"}
YITONG_ZONE = {"吉林伊通经济开发区", "伊通经济开发区"}


@pytest.fixture(scope="module")
def seeds_store(seeds_build) -> Path:
    return Path(seeds_build.out_dir)


def seed_rows(store: Path, name: str, **params: str) -> list[tuple]:
    columns, rows = run_canned(store, name, params)
    assert columns == COLUMNS[name]
    return rows


@pytest.mark.slow
def test_seeds_sun_hong_presided_liaoyuans_tenth_executive_meeting_of_2019(seeds_store):
    rows = seed_rows(seeds_store, "meetings_presided")
    assert any(person == "孙弘" and "第十次常务会议" in event
               and ("2019" in event or (date or "").startswith("2019")) for person, event, date in rows), rows


@pytest.mark.slow
def test_seeds_hongkai_zone_hosts_at_least_6_85_billion_yuan(seeds_store):
    rows = seed_rows(seeds_store, "projects_by_place")
    totals = {host: (n, total) for host, n, total in rows}
    [host] = [h for h in totals if h in RED_ZONE]
    assert totals[host][0] >= 2 and totals[host][1] >= 6.85e9 * 0.995


@pytest.mark.slow
def test_seeds_posts_and_post_holders(seeds_store):
    posts = seed_rows(seeds_store, "person_posts")
    assert any(p == "孙弘" and post.endswith("市长") and "副" not in post for p, post, _ in posts)
    mayors = {person for _, person, _ in seed_rows(seeds_store, "post_holders", title="市长")}
    assert {"孙弘", "陈德明"} <= mayors


@pytest.mark.slow
def test_seeds_expo_exhibitors_with_counts(seeds_store):
    rows = seed_rows(seeds_store, "expo_exhibitors")
    assert any("东北亚博览会" in expo and exhibitor in {"铁东区", "铁东"} and count == 17
               for expo, exhibitor, count in rows), rows


@pytest.mark.slow
def test_seeds_inspections(seeds_store):
    rows = set(seed_rows(seeds_store, "inspections"))
    assert ("王相民", "四平市精细化学品有限公司") in rows
    assert any(p == "陈德明" and site.endswith("救助管理站") for p, site in rows)


@pytest.mark.slow
def test_seeds_person_activity_points_at_the_supporting_article(seeds_store):
    rows = seed_rows(seeds_store, "person_activity", person="孙弘")
    assert any(pred == "presides" and "常务会议" in obj and article.startswith("004_9ab81756ae780e9d.txt#")
               for pred, obj, article in rows), rows


@pytest.mark.slow
def test_seeds_signings_and_co_attendance(seeds_store):
    pairs = seed_rows(seeds_store, "signings")
    assert all(a < b for a, b in pairs)
    assert any({a, b} & YITONG_ZONE and "长春生命健康产业研究院有限公司" in (a, b) for a, b in pairs), pairs
    shared = {(a, b): n for a, b, n in seed_rows(seeds_store, "co_attendance")}
    assert shared.get(("孙弘", "蔡宏伟"), 0) >= 1, shared


@pytest.mark.slow
def test_seeds_place_hierarchy_and_organizers(seeds_store):
    places = {(p, parent): kind for p, kind, parent in seed_rows(seeds_store, "place_hierarchy")}
    assert places.get(("四马路街道", "铁东区")) == "Street"
    assert places.get(("梨树镇", "梨树县")) == "Town"
    organized = seed_rows(seeds_store, "events_by_organizer")
    assert any(org in YITONG_ZONE and "招商推介会" in event and place in {"长春市", "长春"}
               for org, event, place in organized), organized


@pytest.mark.slow
def test_seeds_multi_source_facts_match_the_graph(seeds_build, seeds_store):
    rows = seed_rows(seeds_store, "multi_source_facts")
    graph = seeds_build.graph
    expected = sorted(len({e.article for e in f.evidence}) for f in graph.facts.values()
                      if len({e.article for e in f.evidence}) > 1)
    assert sorted(r[3] for r in rows) == expected
