"""The property-graph mapping (no database needed): labels, types, properties, statements."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphbuild.model import Entity, GraphFact
from graphbuild.stores import pgmap


def _nodes(graph):
    return {row.id: row for row in pgmap.node_rows(graph)}


def test_entities_get_entity_type_and_subtype_labels(mini_graph):
    nodes = _nodes(mini_graph)
    assert nodes["place-baishan"].labels == ("Entity", "Place", "City")
    assert nodes["org-bs-gov"].labels == ("Entity", "Organization", "GovernmentBody")
    assert nodes["event-expo"].labels == ("Entity", "Event", "Expo")
    assert nodes["person-li"].labels == ("Entity", "Person")
    assert nodes["mini_page.txt#0"].labels == ("Article",)


def test_nodes_carry_id_name_aliases_and_attrs(mini_graph):
    props = _nodes(mini_graph)["place-baishan"].props
    assert props == {"id": "place-baishan", "name": "白山市", "type": "Place", "subtype": "City",
                     "aliases": ["白山"]}
    assert _nodes(mini_graph)["project-battery"].props["investment_cny"] == 1.2e9
    assert _nodes(mini_graph)["post-bs-mayor"].props["title"] == "市长"
    article = _nodes(mini_graph)["mini_page.txt#0"].props
    assert article["name"] == article["headline"] == "市政府召开2024年第三次常务会议"
    assert article["credits"] == ["reporter:周海"]


def test_fact_relationships_carry_qualifiers_and_evidence(mini_graph):
    rels = [r for r in pgmap.rel_rows(mini_graph) if r.type == "HOSTS" and r.start == "place-hunjiang"]
    assert len(rels) == 1
    props = rels[0].props
    assert props["predicate"] == "hosts" and props["investment_cny"] == 1.2e9
    assert props["articles"] == ["mini_page.txt#0", "mini_page.txt#1"] and props["article_count"] == 2
    assert props["evidence_starts"] == [10, 20] and props["evidence_rules"] == ["test.hosts"] * 2
    assert props["evidence_texts"][0] == "浑江区…新能源电池材料项目"


def test_every_fact_has_a_supports_link_per_article_to_its_subject(mini_graph):
    supports = [r for r in pgmap.rel_rows(mini_graph) if r.type == "SUPPORTS"]
    pairs = {(f.id, ev.article) for f in mini_graph.facts.values() for ev in f.evidence}
    assert {(r.props["fact"], r.start) for r in supports} == pairs
    for rel in supports:
        assert rel.end == mini_graph.facts[rel.props["fact"]].s


def test_odd_evidence_fields_are_cleaned_like_any_property(mini_graph):
    """Well-typed evidence skips clean_props; one None field must bring the cleaning back."""
    fact = next(f for f in mini_graph.facts.values() if len(f.evidence) == 2)
    before = {r.props["id"]: r.props for r in pgmap.rel_rows(mini_graph) if "id" in r.props}
    fact.evidence[0].text = None  # type: ignore[assignment]
    fact.evidence[1].sentence = 2.5  # type: ignore[assignment]
    after = {r.props["id"]: r.props for r in pgmap.rel_rows(mini_graph) if "id" in r.props}
    assert after[fact.id]["evidence_texts"] == before[fact.id]["evidence_texts"][1:]
    assert after[fact.id]["evidence_sentences"] == [float(fact.evidence[0].sentence), 2.5]
    supports = [r.props for r in pgmap.rel_rows(mini_graph)
                if r.type == "SUPPORTS" and r.props["fact"] == fact.id]
    assert all(None not in p.get("texts", []) for p in supports)
    assert pgmap.clean_props({"a": [None], "b": [1, "x"], "c": []}, clean={"c"}) == {"b": ["1", "x"], "c": []}


def test_mentions_follow_article_metadata(mini_graph):
    mentions = {(r.start, r.end) for r in pgmap.rel_rows(mini_graph) if r.type == "MENTIONS"}
    expected = {(a.id, e) for a in mini_graph.articles.values() for e in a.mentions}
    assert mentions == expected


def test_unknown_types_and_predicates_never_become_labels(mini_graph):
    mini_graph.entities["odd"] = Entity("odd", "Weird`) DETACH DELETE n //", "x")
    mini_graph.facts["bad"] = GraphFact("bad", "person-li", "likes`]->()", "person-zhao")
    mini_graph.entities["person-li"].subtype = "NotASubtype"
    nodes = _nodes(mini_graph)
    assert "odd" not in nodes and nodes["person-li"].labels == ("Entity", "Person")
    assert all(r.props.get("id") != "bad" for r in pgmap.rel_rows(mini_graph))
    for batch in pgmap.load_batches(mini_graph):
        assert "Weird" not in batch.cypher and "likes" not in batch.cypher


def test_quote_name_refuses_names_outside_the_allow_list():
    assert pgmap.quote_name("GovernmentBody") == "`GovernmentBody`"
    with pytest.raises(ValueError):
        pgmap.quote_name("Person`) DETACH DELETE (n")


def test_clean_props_drops_what_a_property_graph_cannot_store():
    cleaned = pgmap.clean_props({"a": None, "b": "", "c": [], "d": [1, 2.5], "e": [1, "x"],
                                 "bad key": 1, "f": True})
    assert cleaned == {"d": [1.0, 2.5], "e": ["1", "x"], "f": True}


def test_node_statement_resets_stale_subtype_labels():
    text = pgmap.node_statement(("Entity", "Place", "City"))
    assert "MERGE (n:`Entity` {id: row.id})" in text and "SET n = row.props" in text
    assert "REMOVE n:`Province`:" in text and "`City`" not in text.split("REMOVE")[1].split("\n")[0]
    assert text.endswith("SET n:`Place`:`City`")


def test_batches_respect_the_batch_size_and_cover_every_row(mini_graph):
    batches = pgmap.load_batches(mini_graph, batch_size=3)
    assert all(0 < len(b.rows) <= 3 for b in batches)
    n_nodes = sum(len(b.rows) for b in batches if b.kind == "node")
    n_rels = sum(len(b.rows) for b in batches if b.kind == "relationship")
    assert n_nodes == len(pgmap.node_rows(mini_graph))
    assert n_rels == len(pgmap.rel_rows(mini_graph))
    assert [b.kind for b in batches] == sorted((b.kind for b in batches), key=lambda k: k != "node")
    with pytest.raises(ValueError):
        pgmap.load_batches(mini_graph, batch_size=0)


def test_neo4j_constraints_cover_every_merge_label():
    statements = pgmap.neo4j_constraint_statements()
    assert len(statements) == len(set(statements))
    for label in ("Entity", "Article", "Person", "Organization", "Place", "Event", "Project", "Post"):
        assert any(f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE" in s for s in statements)
    assert all(s.startswith("CREATE CONSTRAINT ") and " IF NOT EXISTS " in s for s in statements)


def test_allow_lists_match_the_ontology():
    """Subtype labels and relationship types come from the same vocabulary as the RDF side."""
    ttl = Path(__file__).resolve().parent.parent / "ontology" / "graphbuild.ttl"
    if not ttl.exists():
        pytest.skip("ontology/graphbuild.ttl is not there")
    text = ttl.read_text(encoding="utf-8")
    classes = set(re.findall(r"^gb:(\w+) a owl:Class", text, re.MULTILINE))
    properties = set(re.findall(r"^gb:(\w+) a owl:ObjectProperty", text, re.MULTILINE))
    for subtypes in pgmap.SUBTYPES.values():
        assert set(subtypes) <= classes
    for predicate, rel_type in pgmap.REL_TYPES.items():
        assert rel_type == predicate.upper()
        camel = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), predicate)
        assert camel in properties, predicate
