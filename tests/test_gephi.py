"""Gephi files: what networkx, igraph and Gephi users rely on when they open graph.graphml/.gexf."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.graphio import save_graph
from graphbuild.model import Evidence, GraphFact
from graphbuild.projections import PROJECTIONS, project
from graphbuild.writers import gephi

GEXF_NS = "{http://gexf.net/1.3}"
VIZ_NS = "{http://gexf.net/1.3/viz}"


@pytest.fixture()
def written(mini_graph, tmp_path):
    paths = gephi.write(mini_graph, tmp_path)
    return {path.suffix: path for path in paths}


def add_parallel_fact(graph) -> None:
    """李明华 both attends and presides over the meeting: two edges between one pair of nodes."""
    ev = Evidence("mini_page.txt", "mini_page.txt#1", 0, 0, 5, "李明华主持会议", "test.presides")
    fid = "fact-person-li-presides-event-meeting"
    graph.facts[fid] = GraphFact(fid, "person-li", "presides", "event-meeting", {}, [ev])


def test_writer_names_both_files(written):
    assert set(written) == {".graphml", ".gexf"}
    assert written[".graphml"].name == "graph.graphml"


def test_networkx_reads_graphml_with_model_counts_and_chinese_labels(mini_graph, written):
    g = nx.read_graphml(written[".graphml"])
    assert g.number_of_nodes() == len(mini_graph.entities)
    assert g.number_of_edges() == len(mini_graph.facts)
    assert {g.nodes[n]["label"] for n in g} == {e.name for e in mini_graph.entities.values()}
    assert g.nodes["person-li"]["type"] == "Person"
    assert g.nodes["place-hunjiang"]["subtype"] == "District"


def test_igraph_reads_graphml_with_model_counts_and_chinese_labels(mini_graph, written):
    g = igraph.Graph.Read_GraphML(str(written[".graphml"]))
    assert (g.vcount(), g.ecount()) == (len(mini_graph.entities), len(mini_graph.facts))
    assert sorted(g.vs["label"]) == sorted(e.name for e in mini_graph.entities.values())
    assert "白山长青药业有限公司" in g.vs["label"]


def test_parallel_facts_stay_separate_edges(mini_graph, tmp_path):
    add_parallel_fact(mini_graph)
    paths = {p.suffix: p for p in gephi.write(mini_graph, tmp_path)}
    assert nx.read_graphml(paths[".graphml"]).number_of_edges() == len(mini_graph.facts)
    assert igraph.Graph.Read_GraphML(str(paths[".graphml"])).ecount() == len(mini_graph.facts)
    assert nx.read_gexf(paths[".gexf"], version="1.3").number_of_edges() == len(mini_graph.facts)


def test_edges_carry_predicate_label_article_weight_and_typed_qualifiers(written):
    g = nx.read_graphml(written[".graphml"])
    hosts = g.edges["place-hunjiang", "project-battery"]
    assert hosts["label"] == "hosts"
    assert hosts["weight"] == 2.0  # two distinct supporting articles
    assert hosts["investment_cny"] == pytest.approx(1.2e9)
    assert g.edges["place-hunjiang", "event-expo"]["count"] == 12
    assert isinstance(g.edges["place-hunjiang", "event-expo"]["count"], int)
    assert g.edges["person-li", "post-bs-secretary"]["date"] == "2024-03-05"


def test_each_key_declared_once_with_one_type_and_no_empty_values(written):
    root = ET.parse(written[".graphml"]).getroot()
    keys = root.findall("{http://graphml.graphdrawing.org/xmlns}key")
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))
    data = root.iter("{http://graphml.graphdrawing.org/xmlns}data")
    assert all(d.text and d.text.strip() and d.text != "None" for d in data)


def test_lists_are_joined_not_written_as_python_lists(mini_graph, written):
    mini_graph.entities["place-jilin"].aliases = ["吉林", "吉"]
    text = gephi.graphml_text(gephi.full_view(mini_graph))
    assert "吉林;吉" in text and "['" not in text


def test_markup_and_control_characters_in_text_keep_files_readable(mini_graph, tmp_path):
    mini_graph.entities["org-tech"].name = '华信<科技>&"伙伴"\x0b'
    mini_graph.facts["fact-org-pharma-signs_with-org-tech"].evidence[0].text = "签约\x01\n仪式"
    paths = {p.suffix: p for p in gephi.write(mini_graph, tmp_path)}
    assert nx.read_graphml(paths[".graphml"]).nodes["org-tech"]["label"] == '华信<科技>&"伙伴"'
    g = nx.read_gexf(paths[".gexf"], version="1.3")
    assert g.nodes["org-tech"]["label"] == '华信<科技>&"伙伴"'
    assert g.edges["org-pharma", "org-tech"]["evidence"] == "签约\n仪式"


def test_odd_qualifier_values_are_dropped_not_fatal(mini_graph, tmp_path):
    mini_graph.facts["fact-place-hunjiang-exhibits_at-event-expo"].q["count"] = "十余"
    mini_graph.facts["fact-org-tech-invests_in-project-battery"].q["investment_cny"] = "12"
    g = nx.read_graphml(gephi.write(mini_graph, tmp_path)[0])
    assert "count" not in g.edges["place-hunjiang", "event-expo"]
    assert g.edges["org-tech", "project-battery"]["investment_cny"] == 12.0


def test_mixed_int_and_float_values_share_one_double_type(mini_graph):
    mini_graph.entities["person-li"].attrs["score"] = 3
    mini_graph.entities["person-sun"].attrs["score"] = 2.5
    types = gephi.key_types(gephi.node_rows(gephi.full_view(mini_graph)))
    assert types["score"] == "double"


def test_an_edge_key_with_int_and_float_values_is_written_as_double_everywhere(mini_graph, tmp_path):
    """Edges are written before their keys' types are known: an int met first is rewritten as 1.0."""
    mini_graph.facts["fact-org-tech-invests_in-project-battery"].q["share"] = 1
    mini_graph.facts["fact-place-jiangyuan-hosts-project-logistics"].q["share"] = 2.5
    paths = {p.suffix: p for p in gephi.write(mini_graph, tmp_path)}
    graphml, gexf = (paths[suffix].read_text(encoding="utf-8") for suffix in (".graphml", ".gexf"))
    assert '<key id="e_share" for="edge" attr.name="share" attr.type="double" />' in graphml
    assert '<data key="e_share">1.0</data>' in graphml and '<data key="e_share">2.5</data>' in graphml
    assert '<attvalue for="share" value="1.0" />' in gexf
    assert nx.read_graphml(paths[".graphml"]).edges["org-tech", "project-battery"]["share"] == 1.0


def test_graphml_colours_nodes_by_type_for_gephi(mini_graph, written):
    g = nx.read_graphml(written[".graphml"])
    colour = {n: (d["r"], d["g"], d["b"]) for n, d in g.nodes(data=True)}
    assert colour["person-li"] == colour["person-sun"] != colour["place-baishan"]
    assert g.nodes["place-baishan"]["size"] > g.nodes["place-hongqi"]["size"]  # by degree


def test_gexf_is_well_formed_1_3_with_viz_colours_by_type(mini_graph, written):
    root = ET.parse(written[".gexf"]).getroot()
    assert root.tag == f"{GEXF_NS}gexf" and root.get("version") == "1.3"
    nodes = root.findall(f"{GEXF_NS}graph/{GEXF_NS}nodes/{GEXF_NS}node")
    assert len(nodes) == len(mini_graph.entities)
    colours = {}
    for node in nodes:
        colour = node.find(f"{VIZ_NS}color")
        type_ = next(v.get("value") for v in node.iter(f"{GEXF_NS}attvalue") if v.get("for") == "type")
        colours.setdefault(type_, set()).add((colour.get("r"), colour.get("g"), colour.get("b")))
    assert all(len(c) == 1 for c in colours.values())  # one colour per type
    assert len({next(iter(c)) for c in colours.values()}) == len(colours)  # distinct per type


def test_networkx_reads_gexf_with_labels_weights_and_timeline(mini_graph, written):
    g = nx.read_gexf(written[".gexf"], version="1.3")
    assert (g.number_of_nodes(), g.number_of_edges()) == (len(mini_graph.entities), len(mini_graph.facts))
    assert g.nodes["event-meeting"]["label"] == "市政府2024年第三次常务会议"
    assert g.nodes["event-meeting"]["start"] == "2024-03-05"  # full date: on the timeline
    assert "start" not in g.nodes["event-expo"]  # --08-23 is partial: attribute only
    assert g.nodes["event-expo"]["date"] == "--08-23"
    assert g.edges["person-sun", "event-meeting"]["label"] == "presides"
    assert g.edges["place-hunjiang", "project-battery"]["weight"] == 2.0


def test_same_graph_gives_byte_identical_files(mini_graph, tmp_path):
    first = [p.read_bytes() for p in gephi.write(mini_graph, tmp_path / "a")]
    reordered = type(mini_graph)(dict(reversed(mini_graph.entities.items())),
                                 dict(reversed(mini_graph.facts.items())), mini_graph.articles)
    assert [p.read_bytes() for p in gephi.write(reordered, tmp_path / "b")] == first


def test_co_attendance_weights_pairs_by_shared_events(mini_graph):
    view = project(mini_graph, "co_attendance")
    weights = {(e.source, e.target): e.weight for e in view.edges}
    # 孙立国 presides, 赵文静 and 李明华 attend the one meeting; 赵文静 alone witnesses the signing.
    assert weights == {("person-li", "person-sun"): 1.0, ("person-li", "person-zhao"): 1.0,
                       ("person-sun", "person-zhao"): 1.0}
    assert not view.directed


def test_district_project_is_place_project_bipartite_with_investment(mini_graph):
    view = project(mini_graph, "district_project")
    types = {n.id: n.type for n in view.nodes}
    assert {(types[e.source], types[e.target]) for e in view.edges} == {("Place", "Project")}
    by_pair = {(e.source, e.target): e.attrs["investment_cny"] for e in view.edges}
    assert by_pair == {("place-hunjiang", "project-battery"): 1.2e9,
                       ("place-jiangyuan", "project-logistics"): 3.5e8}


def test_enterprise_expo_keeps_exhibitor_counts(mini_graph):
    view = project(mini_graph, "enterprise_expo")
    counts = {e.source: e.attrs.get("count") for e in view.edges}
    assert counts == {"place-hunjiang": 12, "org-pharma": None}
    assert {n.id for n in view.nodes} == {"place-hunjiang", "org-pharma", "event-expo"}


@pytest.mark.parametrize("name", sorted(PROJECTIONS))
def test_every_projection_round_trips_through_both_formats(mini_graph, tmp_path, name):
    view = project(mini_graph, name)
    g1 = nx.read_graphml(gephi.write_graphml(view, tmp_path / "v.graphml"))
    g2 = nx.read_gexf(gephi.write_gexf(view, tmp_path / "v.gexf"), version="1.3")
    for g in (g1, g2):
        assert (g.number_of_nodes(), g.number_of_edges()) == (len(view.nodes), len(view.edges))


def test_unknown_projection_is_a_clear_error(mini_graph):
    with pytest.raises(ValueError, match="co_attendance"):
        project(mini_graph, "nope")


def test_export_command_writes_a_projection(mini_graph, tmp_path):
    save_graph(mini_graph, tmp_path / "graph.json")
    result = CliRunner().invoke(app, ["export", "gexf", str(tmp_path), "--projection", "co_attendance"])
    assert result.exit_code == 0, result.output
    g = nx.read_gexf(tmp_path / "graph.co_attendance.gexf", version="1.3")
    assert g.number_of_edges() == 3 and not g.is_directed()


def test_export_command_full_graph_to_chosen_file(mini_graph, tmp_path):
    save_graph(mini_graph, tmp_path / "graph.json")
    out = tmp_path / "elsewhere" / "all.graphml"
    result = CliRunner().invoke(app, ["export", "graphml", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() == len(mini_graph.entities)


def test_export_command_without_graph_fails_in_one_line(tmp_path):
    result = CliRunner().invoke(app, ["export", "graphml", str(tmp_path / "missing")])
    assert result.exit_code != 0
    assert "graph.json" in result.output and "Traceback" not in result.output


def seeds_build_or_skip(request):
    """The seeds build; skipped only while the pipeline is still a stub (issue 4)."""
    try:
        return request.getfixturevalue("seeds_build")
    except NotImplementedError:
        pytest.skip("pipeline.build is not implemented yet")


@pytest.mark.slow
def test_seeds_build_writes_gephi_files_matching_the_graph(request):
    seeds_build = seeds_build_or_skip(request)
    graph = seeds_build.graph
    g = nx.read_graphml(Path(seeds_build.out_dir) / "graph.graphml")
    assert (g.number_of_nodes(), g.number_of_edges()) == (len(graph.entities), len(graph.facts))
    gx = nx.read_gexf(Path(seeds_build.out_dir) / "graph.gexf", version="1.3")
    assert gx.number_of_nodes() == len(graph.entities)
