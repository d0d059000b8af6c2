"""RDF writer, ontology and SHACL validation (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.collection
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import XSD
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.model import Credit, Entity, Evidence, GraphFact
from graphbuild.stores.sparql import ONTOLOGY, load_store, open_store
from graphbuild.writers import rdf

GB = rdflib.Namespace(rdf.GB)
SKOS = rdflib.Namespace(rdf.PREFIXES["skos"])
PROV = rdflib.Namespace(rdf.PREFIXES["prov"])
BASE = rdf.DEFAULT_BASE_IRI
BUILTIN = (str(RDF), str(XSD))  # terms of these namespaces need no declaration


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture()
def mini_out(mini_graph, tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv(rdf.BASE_IRI_ENV, raising=False)
    rdf.write(mini_graph, tmp_path)
    return tmp_path


def turtle(out: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(out / "graph.ttl", format="turtle")


def declared_terms(ontology: rdflib.Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for kind in kinds for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def undeclared_terms(data: rdflib.Graph, ontology: rdflib.Graph) -> set[str]:
    used = set(data.predicates()) | set(data.objects(None, RDF.type))
    declared = declared_terms(ontology)
    return {str(t) for t in used if t not in declared and not str(t).startswith(BUILTIN)}


# --- ontology ------------------------------------------------------------------------------------


def test_every_class_and_property_has_chinese_and_english_labels(ontology):
    for term in declared_terms(ontology):
        langs = {lbl.language for lbl in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term


def test_classes_named_in_the_hierarchy_domains_and_ranges_are_declared(ontology):
    named = {o for p in (RDFS.subClassOf, RDFS.domain, RDFS.range) for o in ontology.objects(None, p)}
    for members in ontology.objects(None, OWL.unionOf):
        named |= set(rdflib.collection.Collection(ontology, members))
    named = {o for o in named if isinstance(o, URIRef) and not str(o).startswith(BUILTIN)}
    assert named - declared_terms(ontology) == set()


def test_ontology_declares_one_property_per_predicate(ontology):
    for predicate in rdf.PREDICATE_PROPERTIES:
        prop = URIRef(rdf.predicate_iri(predicate)[1:-1])
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology, predicate
    assert (GB.signsWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (GB.holdsPosition, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#holds")) in ontology


# --- writer --------------------------------------------------------------------------------------


def test_every_term_used_in_the_graph_is_declared(mini_out, ontology):
    assert undeclared_terms(turtle(mini_out), ontology) == set()


def test_turtle_and_nquads_hold_the_same_triples(mini_out):
    store = ox.Store()
    store.bulk_load(path=str(mini_out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    assert len({q.triple for q in store}) == len(turtle(mini_out))
    store.bulk_load(path=str(mini_out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len({q.triple for q in store}) == len(turtle(mini_out))  # nothing new in the Turtle


def test_same_graph_gives_same_bytes(mini_graph, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    rdf.write_files(mini_graph, first)
    rdf.write_files(mini_graph, second)
    for name in ("graph.ttl", "graph.nq"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_facts_are_direct_triples_and_statements_with_typed_qualifiers(mini_out):
    g = turtle(mini_out)
    hunjiang, battery = URIRef(BASE + "place-hunjiang"), URIRef(BASE + "project-battery")
    assert (hunjiang, GB.hosts, battery) in g
    [stmt] = list(set(g.subjects(RDF.subject, hunjiang)) & set(g.subjects(RDF.object, battery)))
    assert g.value(stmt, RDF.predicate) == GB.hosts
    assert g.value(stmt, GB.investmentCNY) == Literal("1200000000", datatype=XSD.decimal)
    assert g.value(stmt, GB.supportCount).toPython() == 2
    expo_stmt = URIRef(BASE + "fact/fact-place-hunjiang-exhibits_at-event-expo")
    assert g.value(expo_stmt, GB.exhibitorCount) == Literal("12", datatype=XSD.integer)
    assert g.value(URIRef(BASE + "event-expo"), GB.date).datatype == XSD.gMonthDay
    assert g.value(URIRef(BASE + "event-meeting"), GB.date).datatype == XSD.date


def test_evidence_text_span_rule_and_article_are_reachable_from_a_fact(mini_out):
    g = turtle(mini_out)
    stmt = URIRef(BASE + "fact/fact-person-sun-presides-event-meeting")
    [ev] = list(g.objects(stmt, GB.evidence))
    assert str(g.value(ev, GB.evidenceText)) == "孙立国…市政府2024年第三次常务会议"
    assert (g.value(ev, GB.start).toPython(), g.value(ev, GB.end).toPython()) == (10, 29)
    assert str(g.value(ev, GB.rule)) == "test.presides"
    article = g.value(ev, PROV.wasDerivedFrom)
    assert str(g.value(article, GB.articleId)) == "mini_page.txt#0"
    assert str(g.value(article, URIRef("https://schema.org/headline"))) == "市政府召开2024年第三次常务会议"


def test_articles_credit_their_reporters_as_persons_with_a_role(mini_out):
    g = turtle(mini_out)
    article = URIRef(BASE + "article/mini_page.txt.0")
    [credit] = list(g.objects(article, GB.credit))
    assert str(g.value(credit, GB.role)) == "reporter"
    person = g.value(credit, GB.creditedPerson)
    assert (person, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person")) in g
    assert str(g.value(person, SKOS.prefLabel)) == "周海"


def test_each_article_is_a_named_graph_of_the_facts_it_supports(mini_out):
    store = open_store(mini_out)
    rows = store.query(
        f"PREFIX gb: <{rdf.GB}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
        " SELECT ?id WHERE { GRAPH ?a { ?s gb:hosts ?o } ?a gb:articleId ?id ."
        " ?s skos:prefLabel '浑江区'@zh }",
        use_default_graph_as_union=False)
    assert sorted(r["id"].value for r in rows) == ["mini_page.txt#0", "mini_page.txt#1"]


def test_base_iri_comes_from_the_environment(mini_graph, tmp_path, monkeypatch):
    monkeypatch.setenv(rdf.BASE_IRI_ENV, "http://data.example.org/sp")
    rdf.write_files(mini_graph, tmp_path)
    g = turtle(tmp_path)
    assert (URIRef("http://data.example.org/sp/person-li"), SKOS.prefLabel, Literal("李明华", lang="zh")) in g


def test_a_bad_base_iri_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv(rdf.BASE_IRI_ENV, "not an iri")
    with pytest.raises(ValueError, match="GRAPHBUILD_BASE_IRI"):
        rdf.base_iri()


def test_awkward_text_survives_both_files_and_the_store(mini_graph, tmp_path):
    name = '引号"反斜杠\\换行\n制表\t结束'
    mini_graph.entities["org-pharma"].name = name
    rdf.write(mini_graph, tmp_path)
    assert (None, SKOS.prefLabel, Literal(name, lang="zh")) in turtle(tmp_path)
    found = open_store(tmp_path).query(
        "SELECT ?s ?n WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }",
        use_default_graph_as_union=True, substitutions={ox.Variable("n"): ox.Literal(name, language="zh")})
    assert len(list(found)) == 1


def test_rebuild_replaces_the_store(mini_graph, tmp_path):
    rdf.write(mini_graph, tmp_path)
    mini_graph.entities["person-li"].name = "李新名"
    rdf.write(mini_graph, tmp_path)
    names = {r["n"].value for r in open_store(tmp_path).query(
        "SELECT ?n WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> ;"
        " <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }", use_default_graph_as_union=True)}
    assert "李新名" in names and "李明华" not in names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq", "graph.ttl", "store"]


def test_a_failed_load_keeps_the_old_store(mini_graph, tmp_path):
    rdf.write(mini_graph, tmp_path)
    loaded = len(open_store(tmp_path))
    broken = tmp_path / "broken.nq"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(SyntaxError):
        load_store(broken, tmp_path / "store")
    assert len(open_store(tmp_path / "store")) == loaded
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.nq", "graph.nq", "graph.ttl", "store"]


# --- validation ----------------------------------------------------------------------------------


def test_mini_graph_conforms(mini_out):
    result = CliRunner().invoke(app, ["validate", str(mini_out)])
    assert result.exit_code == 0, result.output
    assert "conforms (0 violation(s)" in result.output


def test_missing_evidence_a_bad_span_and_an_untitled_post_are_violations(mini_graph, tmp_path):
    mini_graph.facts["fact-person-li-inspects-org-pharma"].evidence = []
    del mini_graph.entities["post-bs-mayor"].attrs["title"]
    fact = mini_graph.facts["fact-person-sun-presides-event-meeting"]
    ev = fact.evidence[0]
    fact.evidence = [Evidence(ev.doc, ev.article, ev.sentence, 50, 40, ev.text, ev.rule)]
    rdf.write_files(mini_graph, tmp_path)
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "does NOT conform" in result.output
    assert "fact 李明华 inspects 白山长青药业有限公司" in result.output
    assert "a fact needs at least one piece of evidence" in result.output
    assert "path: gb:start" in result.output
    assert "Violation: 白山市长 <https://graphbuild.example/id/post-bs-mayor>" in result.output
    assert "5 violation(s)" in result.output


def test_a_node_with_two_core_types_is_a_warning_not_a_failure(mini_graph, tmp_path):
    # an organisation that "presides" gets typed a Person by the property's domain
    mini_graph.facts["f-odd"] = GraphFact("f-odd", "org-tech", "presides", "event-meeting",
                                          evidence=mini_graph.facts["fact-person-sun-presides-event-meeting"].evidence)
    rdf.write_files(mini_graph, tmp_path)
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Warning: 吉林华信科技有限公司" in result.output


def test_owl_check_finds_a_node_in_two_disjoint_classes(mini_graph, tmp_path):
    rdf.write_files(mini_graph, tmp_path)
    assert CliRunner().invoke(app, ["validate", str(tmp_path), "--owl"]).exit_code == 0
    mini_graph.facts["f-odd"] = GraphFact("f-odd", "org-tech", "presides", "event-meeting",
                                          evidence=mini_graph.facts["fact-person-li-inspects-org-pharma"].evidence)
    rdf.write_files(mini_graph, tmp_path)
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "--owl"])
    assert result.exit_code == 1
    assert "Disjoint classes http://xmlns.com/foaf/0.1/Person and http://www.w3.org/ns/org#Organization" \
        in result.output


def test_unknown_subtypes_and_attributes_do_not_leak_undeclared_terms(mini_graph, tmp_path, ontology):
    mini_graph.entities["org-new"] = Entity("org-new", "Organization", "新机构", "Spaceport", [], {"odd": 1})
    rdf.write_files(mini_graph, tmp_path)
    assert undeclared_terms(turtle(tmp_path), ontology) == set()


# --- seeds ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_seeds_rdf_is_declared_and_conforms(seeds_build, ontology):
    out = Path(seeds_build.out_dir)
    assert {"graph.ttl", "graph.nq"} <= {p.name for p in out.iterdir()}
    assert undeclared_terms(turtle(out), ontology) == set()
    result = CliRunner().invoke(app, ["validate", str(out), "--owl"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("base", ["https://graphbuild.example/id/", "urn:x:{odd}/"])
@pytest.mark.parametrize("text", ["普通句子", 'say "hi" {0} \\ \n\t', "^^<x>"])
def test_evidence_templates_give_what_the_generic_writers_give(base, text):
    mint = rdf.Minter(base)
    turtle = rdf.TurtleWriter(mint.namespaces())
    writer = rdf.EvidenceWriter(turtle)
    ev = Evidence(doc="页 1.txt", article="页 1.txt#3", sentence=2, start=-5, end=40, text=text,
                  rule='r"{1}')
    item = rdf.EvidenceNode(mint.evidence("fact-1", 0), mint.article(ev.article), ev)
    subject, pairs = item.block()
    expected = turtle.block(subject, pairs), rdf.nquads_block(subject, pairs)
    assert writer.texts(item) == tuple(text.encode() for text in expected)


def test_byte_interleaver_gives_the_utf8_of_the_interleaver():
    from graphbuild.writers._templates import byte_interleaver, interleaver

    parts, fields = ["<a%20b> ", ' "', '"^^x:int 中文 %s%% ', ""], [0, 1, 0]
    text = interleaver(parts, fields)("名字 %d", -12)
    assert byte_interleaver(parts, fields, "sd")("名字 %d".encode(), -12) == text.encode()
    assert byte_interleaver(["50%"], [], "")() == b"50%"


def test_local_name_check_agrees_with_the_turtle_grammar_regex():
    import itertools

    names = ("".join(chars) for n in range(1, 5) for chars in itertools.product("a9_.-%F~", repeat=n))
    for name in [*names, "%41b", "a%4", "%4G", "x\n"]:
        assert rdf._is_local_name(name) == bool(rdf._LOCAL.match(name)), name


@pytest.mark.parametrize("base", ["https://graphbuild.example/id/", "urn:x:{odd}/"])
def test_the_files_are_the_generic_writers_blocks(mini_graph, tmp_path, base):
    """The writers' fast paths (statement, evidence and credit templates) give what the generic block
    writers give for iter_blocks, including a fact with no evidence and ids that need escapes."""
    fact = mini_graph.facts["fact-person-li-inspects-org-pharma"]
    mini_graph.facts["f 1/#x"] = GraphFact("f 1/#x", fact.s, fact.p, fact.o, q={"date": "2024-05"},
                                           evidence=fact.evidence * 11)
    mini_graph.facts["f-bare"] = GraphFact("f-bare", fact.s, fact.p, fact.o)
    article = next(iter(mini_graph.articles.values()))
    article.credits += [Credit('王"\\n', "editor^^<x>", False, (3, 4)),
                        Credit("孙立国", "photo", True, (5, 6))]
    rdf.write_files(mini_graph, tmp_path, rdf.Minter(base))
    mint = rdf.Minter(base)
    turtle = rdf.TurtleWriter(mint.namespaces())
    blocks = list(rdf.iter_blocks(mini_graph, mint))
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == \
        turtle.header + "".join(turtle.block(subject, pairs) for subject, pairs in blocks)
    assert (tmp_path / "graph.nq").read_text(encoding="utf-8") == \
        "".join(rdf.nquads_block(subject, pairs) for subject, pairs in blocks)
