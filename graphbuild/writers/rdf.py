"""RDF writer: DIR/graph.ttl and DIR/graph.nq (the SPARQL store is loaded from graph.nq on first query).

Vocabulary: ontology/graphbuild.ttl. Each entity becomes an IRI minted from its stable id under the
base IRI (env GRAPHBUILD_BASE_IRI). Each GraphFact is written twice: as the direct triple
(`person gb:presides event`, so simple queries stay simple) and as a reified `gb:Statement` node that
carries qualifiers (typed literals) and one `gb:Evidence` node per supporting sentence.

N-Quads layout: entity, statement and article descriptions in the default graph; each article has a
named graph (named by the article's IRI) holding the direct triples it supports and its evidence
nodes, so `GRAPH ?article { ?s gb:presides ?o }` answers "which article says so".

Both files are streamed subject by subject in id order, so the same graph gives the same bytes and
no in-memory RDF graph is built.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

import pyoxigraph as ox

from graphbuild.model import ArticleMeta, Credit, Entity, Evidence, Graph, GraphFact

DEFAULT_BASE_IRI = "https://graphbuild.example/id/"
BASE_IRI_ENV = "GRAPHBUILD_BASE_IRI"

GB = "https://graphbuild.example/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {
    "gb": GB,
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}

# Model predicate -> ontology property (local name in gb:), plus extra standard properties stated too.
PREDICATE_PROPERTIES = {
    "holds_position": "holdsPosition", "presides": "presides", "attends": "attends",
    "witnesses": "witnesses", "inspects": "inspects", "organizes": "organizes", "held_in": "heldIn",
    "hosts": "hosts", "invests_in": "investsIn", "exhibits_at": "exhibitsAt", "signs_with": "signsWith",
    "located_in": "locatedIn", "post_in": "postIn", "part_of": "partOf",
}
ALSO_STATED = {"holds_position": "org:holds", "post_in": "org:postIn", "part_of": "org:subOrganizationOf"}
SYMMETRIC = frozenset({"signs_with"})

TYPE_CLASSES = {
    "Person": ("foaf:Person",), "Organization": ("org:Organization",), "Place": ("schema:Place",),
    "Event": ("schema:Event",), "Project": ("gb:Project", "schema:Project"), "Post": ("gb:Post", "org:Post"),
}
SUBTYPE_CLASSES = frozenset({
    "GovernmentBody", "PartyBody", "Enterprise", "Cooperative", "Bank", "Hospital", "School", "Association",
    "Unit", "Province", "City", "District", "County", "Town", "Street", "Community", "DevelopmentZone",
    "Park", "Venue", "Meeting", "Expo", "Activity", "SigningCeremony", "Training", "Campaign",
})

# Entity attrs and fact qualifiers we publish: key -> (property, literal kind). Others are not written.
ATTR_PROPERTIES = {
    "home_city": ("gb:homeCity", "zh"), "date": ("gb:date", "date"),
    "investment_cny": ("gb:investmentCNY", "decimal"), "title": ("gb:title", "zh"),
    "org": ("gb:orgName", "zh"), "roles": ("gb:role", "string"), "role": ("gb:role", "string"),
    "level": ("gb:level", "string"), "parent": ("gb:parentName", "zh"), "place": ("gb:placeName", "zh"),
}
QUALIFIER_PROPERTIES = {
    "investment_cny": ("gb:investmentCNY", "decimal"), "count": ("gb:exhibitorCount", "integer"),
    "date": ("gb:date", "date"),
}

# ---------------------------------------------------------------------------------------------
# Terms, as N-Triples strings
# ---------------------------------------------------------------------------------------------

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in _ESCAPES})
# translate with a dict table is slow; most text needs no escape, which one regex search tells
_NEEDS_ESCAPE = re.compile("[" + "".join(re.escape(chr(c)) for c in _ESCAPES) + "]")
_DATE_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date"), (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth"),
    (re.compile(r"^--\d{2}-\d{2}$"), "gMonthDay"), (re.compile(r"^\d{4}$"), "gYear"),
)


@functools.cache
def expand(curie: str) -> str:
    """'gb:presides' -> '<https://…#presides>'."""
    prefix, local = curie.split(":", 1)
    return f"<{PREFIXES[prefix]}{local}>"


def iri(value: str) -> str:
    return f"<{value}>"


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    text = str(text)
    body = '"' + (text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text) + '"'
    if lang:
        return f"{body}@{lang}"
    return f"{body}^^<{XSD}{datatype}>" if datatype and datatype != "string" else body


def typed_value(value: Any, kind: str) -> str | None:
    """A Python scalar as a literal of the given kind; None when it cannot be one."""
    if value is None or value == "":
        return None
    if kind == "zh":
        return literal(str(value), lang="zh")
    if kind == "date":
        return date_literal(str(value))
    if kind == "decimal":
        return decimal_literal(value)
    if kind == "integer":
        try:
            return integer(int(value))
        except (TypeError, ValueError):
            return None
    if isinstance(value, bool):
        return literal("true" if value else "false", datatype="boolean")
    return literal(str(value))


def integer(value: int) -> str:
    return literal(str(int(value)), datatype="integer")


def boolean(value: bool) -> str:
    return literal("true" if value else "false", datatype="boolean")


def date_literal(text: str) -> str:
    """ISO forms of PartialDate.iso() get their XSD type; anything else stays a plain string."""
    for pattern, datatype in _DATE_FORMS:
        if pattern.match(text):
            return literal(text, datatype=datatype)
    return literal(text)


def decimal_literal(value: Any) -> str | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    text = format(Decimal(repr(number)).normalize(), "f")
    return literal(text, datatype="decimal")


def as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


# ---------------------------------------------------------------------------------------------
# IRIs of the graph's nodes
# ---------------------------------------------------------------------------------------------


def base_iri() -> str:
    """The base IRI from the environment; ends in / or # so ids can be appended."""
    base = os.environ.get(BASE_IRI_ENV, "").strip() or DEFAULT_BASE_IRI
    base = base if base.endswith(("/", "#")) else base + "/"
    try:
        ox.NamedNode(base)
    except ValueError as exc:
        raise ValueError(f"{BASE_IRI_ENV}={base!r} is not an absolute IRI") from exc
    return base


_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9_.~-]+$")


def _seg(text: str) -> str:
    """Percent-encode one path segment (stable ids are already safe: skip the work)."""
    return text if _SAFE_SEGMENT.match(text) else quote(text, safe="-_.~")


def _article_path(article_id: str) -> str:
    """'page.txt#3' -> 'page.txt.3': the index is the last dot-separated part."""
    doc, sep, index = article_id.rpartition("#")
    return f"{_seg(doc)}.{_seg(index)}" if sep else _seg(article_id)


@functools.lru_cache(maxsize=65536)  # an article's IRI is needed for every quad of its graph
def _article_iri(base: str, article_id: str) -> str:
    return iri(f"{base}article/{_article_path(article_id)}")


@dataclass(slots=True)
class Minter:
    base: str = field(default_factory=base_iri)

    def entity(self, entity_id: str) -> str:
        return iri(self.base + _seg(entity_id))

    def fact(self, fact_id: str) -> str:
        return iri(f"{self.base}fact/{_seg(fact_id)}")

    def evidence(self, fact_id: str, index: int) -> str:
        return iri(f"{self.base}evidence/{_seg(fact_id)}.{index}")

    def article(self, article_id: str) -> str:
        return _article_iri(self.base, article_id)

    def credit(self, article_id: str, index: int) -> str:
        return iri(f"{self.base}credit/{_article_path(article_id)}.{index}")

    def namespaces(self) -> dict[str, str]:
        """Prefixes for the Turtle file."""
        return {"id": self.base, **{k: f"{self.base}{k}/" for k in ("fact", "evidence", "article", "credit")}}


# ---------------------------------------------------------------------------------------------
# Subject blocks: (subject, [(predicate, object, graph or None)])
# ---------------------------------------------------------------------------------------------

Pair = tuple[str, str, str | None]
Block = tuple[str, list[Pair]]

A = expand("rdf:type")
LABEL, PREF, ALT = expand("rdfs:label"), expand("skos:prefLabel"), expand("skos:altLabel")
DERIVED = expand("prov:wasDerivedFrom")


def predicate_iri(predicate: str) -> str:
    local = PREDICATE_PROPERTIES.get(predicate) or re.sub(r"_(\w)", lambda m: m.group(1).upper(), predicate)
    return f"<{GB}{local}>"


def supporting_articles(fact: GraphFact) -> list[str]:
    return sorted({ev.article for ev in fact.evidence})


def entity_block(entity: Entity, outgoing: list[tuple[GraphFact, bool]], mint: Minter) -> Block:
    pairs: list[Pair] = [(A, expand(c), None) for c in TYPE_CLASSES.get(entity.type, ())]
    if entity.subtype in SUBTYPE_CLASSES:
        pairs.append((A, f"<{GB}{entity.subtype}>", None))
    if entity.subtype:
        pairs.append((expand("gb:subtype"), literal(entity.subtype), None))
    name = literal(entity.name, lang="zh")
    pairs += [(expand("dcterms:identifier"), literal(entity.id), None), (LABEL, name, None),
              (PREF, name, None)]
    pairs += [(ALT, literal(alias, lang="zh"), None) for alias in entity.aliases if alias != entity.name]
    for key in sorted(entity.attrs):
        if key in ATTR_PROPERTIES:
            prop, kind = ATTR_PROPERTIES[key]
            for value in as_list(entity.attrs[key]):
                term = typed_value(value, kind)
                if term:
                    pairs.append((expand(prop), term, None))
    for fact, reverse in outgoing:
        pairs += direct_pairs(fact, reverse, mint)
    return mint.entity(entity.id), pairs


def direct_pairs(fact: GraphFact, reverse: bool, mint: Minter) -> list[Pair]:
    """The direct triple(s) of a fact, once per supporting article graph."""
    target = mint.entity(fact.s if reverse else fact.o)
    props = [predicate_iri(fact.p)]
    if fact.p in ALSO_STATED:
        props.append(expand(ALSO_STATED[fact.p]))
    return [(prop, target, mint.article(a)) for a in supporting_articles(fact) for prop in props]


def statement_blocks(fact: GraphFact, mint: Minter) -> Iterator[Block]:
    stmt = mint.fact(fact.id)
    articles = supporting_articles(fact)
    pairs: list[Pair] = [
        (A, expand("gb:Statement"), None), (A, expand("rdf:Statement"), None),
        (expand("dcterms:identifier"), literal(fact.id), None),
        (expand("rdf:subject"), mint.entity(fact.s), None),
        (expand("rdf:predicate"), predicate_iri(fact.p), None),
        (expand("rdf:object"), mint.entity(fact.o), None),
        (expand("gb:supportCount"), integer(len(articles)), None),
    ]
    for key in sorted(fact.q):
        if key in QUALIFIER_PROPERTIES:
            prop, kind = QUALIFIER_PROPERTIES[key]
            terms = (typed_value(value, kind) for value in as_list(fact.q[key]))
            pairs += [(expand(prop), term, None) for term in terms if term]
    pairs += [(DERIVED, mint.article(a), mint.article(a)) for a in articles]
    evidence = sorted(fact.evidence, key=lambda e: (e.doc, e.article, e.start, e.end, e.rule))
    pairs += [(expand("gb:evidence"), mint.evidence(fact.id, i), mint.article(ev.article))
              for i, ev in enumerate(evidence)]
    yield stmt, pairs
    for i, ev in enumerate(evidence):
        yield mint.evidence(fact.id, i), evidence_pairs(ev, mint)


def evidence_pairs(ev: Evidence, mint: Minter) -> list[Pair]:
    graph = mint.article(ev.article)
    return [
        (A, expand("gb:Evidence"), graph), (DERIVED, graph, graph),
        (expand("gb:evidenceText"), literal(ev.text), graph),
        (expand("gb:start"), integer(ev.start), graph),
        (expand("gb:end"), integer(ev.end), graph),
        (expand("gb:sentenceIndex"), integer(ev.sentence), graph),
        (expand("gb:rule"), literal(ev.rule), graph),
    ]


def article_blocks(meta: ArticleMeta, graph: Graph, persons_by_name: dict[str, list[str]],
                   mint: Minter) -> Iterator[Block]:
    node = mint.article(meta.id)
    pairs: list[Pair] = [
        (A, expand("schema:NewsArticle"), None), (expand("gb:articleId"), literal(meta.id), None),
        (expand("gb:doc"), literal(meta.doc), None), (expand("gb:kind"), literal(meta.kind), None),
        (expand("gb:start"), integer(meta.span[0]), None),
        (expand("gb:end"), integer(meta.span[1]), None),
    ]
    if meta.headline:
        pairs += [(expand("schema:headline"), literal(meta.headline, lang="zh"), None),
                  (LABEL, literal(meta.headline, lang="zh"), None)]
    if meta.date:
        pairs.append((expand("schema:datePublished"), date_literal(meta.date), None))
    if meta.home_city:
        pairs.append((expand("gb:homeCity"), literal(meta.home_city, lang="zh"), None))
    pairs += [(expand("schema:mentions"), mint.entity(e), None) for e in meta.mentions if e in graph.entities]
    credits = []
    for i, credit in enumerate(meta.credits):
        person = credited_person(credit, meta, persons_by_name)
        node_pairs = credit_pairs(credit, person, mint)
        pairs.append((expand("gb:credit"), mint.credit(meta.id, i), None))
        if person:
            pairs.append((expand("schema:creator"), mint.entity(person), None))
        credits.append((mint.credit(meta.id, i), node_pairs))
    yield node, pairs
    yield from credits


def credited_person(credit: Credit, meta: ArticleMeta, persons_by_name: dict[str, list[str]]) -> str | None:
    """The Person entity a credit names: the one the article mentions, else the only one so named."""
    candidates = persons_by_name.get(credit.name, []) if credit.is_person else []
    mentioned = [c for c in candidates if c in meta.mentions]
    if mentioned:
        return mentioned[0]
    return candidates[0] if len(candidates) == 1 else None


def credit_pairs(credit: Credit, person: str | None, mint: Minter) -> list[Pair]:
    pairs: list[Pair] = [
        (A, expand("gb:Credit"), None), (expand("gb:creditName"), literal(credit.name, lang="zh"), None),
        (expand("gb:role"), literal(credit.role), None),
        (expand("gb:isPerson"), boolean(credit.is_person), None),
        (expand("gb:start"), integer(credit.span[0]), None),
        (expand("gb:end"), integer(credit.span[1]), None),
    ]
    if person:
        pairs.append((expand("gb:creditedPerson"), mint.entity(person), None))
    return pairs


def iter_blocks(graph: Graph, mint: Minter | None = None) -> Iterator[Block]:
    """Every subject with its statements, in a deterministic order."""
    mint = mint or Minter()
    outgoing: dict[str, list[tuple[GraphFact, bool]]] = defaultdict(list)
    for fid in sorted(graph.facts):
        fact = graph.facts[fid]
        outgoing[fact.s].append((fact, False))
        if fact.p in SYMMETRIC and fact.o != fact.s:
            outgoing[fact.o].append((fact, True))
    for eid in sorted(graph.entities):
        yield entity_block(graph.entities[eid], outgoing.get(eid, []), mint)
    for fid in sorted(graph.facts):
        yield from statement_blocks(graph.facts[fid], mint)
    persons_by_name: dict[str, list[str]] = defaultdict(list)
    for eid in sorted(graph.entities):
        if graph.entities[eid].type == "Person":
            persons_by_name[graph.entities[eid].name].append(eid)
    for aid in sorted(graph.articles):
        yield from article_blocks(graph.articles[aid], graph, persons_by_name, mint)


# ---------------------------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------------------------

_PCT = r"%[0-9A-F]{2}"
_LOCAL = re.compile(rf"^(?:[A-Za-z0-9_]|{_PCT})(?:(?:[A-Za-z0-9_.-]|{_PCT})*(?:[A-Za-z0-9_-]|{_PCT}))?$")


class TurtleWriter:
    """Writes subject blocks as Turtle with prefixed names where the local part allows it."""

    def __init__(self, out: TextIO, data_namespaces: dict[str, str]) -> None:
        self.out = out
        prefixes = {**PREFIXES, **data_namespaces}
        self.prefix_of = {ns: prefix for prefix, ns in prefixes.items()}  # every namespace ends in / or #
        self.vocabulary: dict[str, str] = {}  # predicates, classes, datatypes: few and repeated
        self.iris: dict[str, str] = {}  # entity IRIs recur in many blocks; compacting each is costly
        for prefix, ns in sorted(prefixes.items()):
            out.write(f"@prefix {prefix}: <{ns}> .\n")

    def term(self, term: str) -> str:
        if term.startswith("<"):
            compacted = self.iris.get(term)
            if compacted is None:
                compacted = self.iris[term] = self.compact(term[1:-1])
            return compacted
        body, sep, datatype = term.rpartition("^^")
        return f"{body}^^{self.vocab(datatype)}" if sep and body.endswith('"') else term

    def vocab(self, term: str) -> str:
        if term not in self.vocabulary:
            self.vocabulary[term] = self.term(term)
        return self.vocabulary[term]

    def object(self, predicate: str, term: str) -> str:
        return self.vocab(term) if predicate == A else self.term(term)

    def compact(self, value: str) -> str:
        cut = max(value.rfind("/"), value.rfind("#")) + 1
        prefix = self.prefix_of.get(value[:cut])
        if prefix and _LOCAL.match(value[cut:]):
            return f"{prefix}:{value[cut:]}"
        return f"<{value}>"

    def block(self, subject: str, pairs: list[Pair]) -> None:
        ordered = sorted({(p, o) for p, o, _ in pairs})  # no key function: a C-only sort
        unique = [po for po in ordered if po[0] == A] + [po for po in ordered if po[0] != A]
        lines, last_p = [], None
        for p, o in unique:
            if p == last_p:
                lines[-1] += f" , {self.object(p, o)}"
            else:
                lines.append(f"{'a' if p == A else self.vocab(p)} {self.object(p, o)}")
            last_p = p
        self.out.write(f"\n{self.term(subject)}\n    " + " ;\n    ".join(lines) + " .\n")


def write_nquads_block(out: TextIO, subject: str, pairs: Iterable[Pair]) -> None:
    out.write("".join(f"{subject} {p} {o} {g} .\n" if g else f"{subject} {p} {o} .\n" for p, o, g in pairs))


def write_files(graph: Graph, out_dir: Path, mint: Minter | None = None) -> tuple[Path, Path]:
    """Stream DIR/graph.ttl and DIR/graph.nq; each appears atomically (temp file, then rename)."""
    mint = mint or Minter()
    out_dir.mkdir(parents=True, exist_ok=True)
    ttl, nq = out_dir / "graph.ttl", out_dir / "graph.nq"
    ttl_tmp, nq_tmp = out_dir / ".graph.ttl.tmp", out_dir / ".graph.nq.tmp"
    try:
        with open(ttl_tmp, "w", encoding="utf-8", newline="\n") as t, \
                open(nq_tmp, "w", encoding="utf-8", newline="\n") as q:
            turtle = TurtleWriter(t, mint.namespaces())
            for subject, pairs in iter_blocks(graph, mint):
                turtle.block(subject, pairs)
                write_nquads_block(q, subject, pairs)
        os.replace(ttl_tmp, ttl)
        os.replace(nq_tmp, nq)
    finally:
        ttl_tmp.unlink(missing_ok=True)
        nq_tmp.unlink(missing_ok=True)
    return ttl, nq


def write(graph: Graph, out_dir: Path) -> list[Path]:
    return list(write_files(graph, Path(out_dir)))
