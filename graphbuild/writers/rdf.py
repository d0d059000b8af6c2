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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from graphbuild.model import ArticleMeta, Credit, Entity, Evidence, Graph, GraphFact
from graphbuild.ondisk import in_id_order
from graphbuild.writers._templates import Memo, byte_interleaver

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


def escaped(text: str) -> str:
    """The body of a string literal (without its quotes)."""
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = '"' + escaped(str(text)) + '"'
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
    return integer_literal(str(int(value)))


def integer_literal(digits: str) -> str:
    return f'"{digits}"^^<{XSD}integer>'  # digits need no escape: literal() made short


def boolean(value: bool) -> str:
    return f'"{"true" if value else "false"}"^^<{XSD}boolean>'


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


@functools.lru_cache(maxsize=1 << 13)  # an article's IRI is needed for every quad of its graph
def _article_iri(base: str, article_id: str) -> str:
    return iri(f"{base}article/{_article_path(article_id)}")


def _series(stem: str, count: int) -> list[str]:
    return [f"{stem}{index}>" for index in range(count)]


@dataclass(slots=True)
class Minter:
    base: str = field(default_factory=base_iri)
    # an entity's IRI is needed for each of its facts, statements and mentions: minted once
    _entities: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def entity(self, entity_id: str) -> str:
        minted = self._entities.get(entity_id)
        if minted is None:
            minted = self._entities[entity_id] = iri(self.base + _seg(entity_id))
        return minted

    def fact(self, fact_id: str) -> str:
        return iri(f"{self.base}fact/{_seg(fact_id)}")

    def evidence(self, fact_id: str, index: int) -> str:
        return iri(f"{self.base}evidence/{_seg(fact_id)}.{index}")

    def evidence_stem(self, fact_id: str) -> str:
        """What the IRI of a fact's evidence node n is without its `n>`."""
        return f"<{self.base}evidence/{_seg(fact_id)}."

    def evidence_series(self, fact_id: str, count: int) -> list[str]:
        """The IRIs of a fact's evidence nodes 0 … count-1."""
        return _series(self.evidence_stem(fact_id), count)

    def article(self, article_id: str) -> str:
        return _article_iri(self.base, article_id)

    def credit(self, article_id: str, index: int) -> str:
        return iri(f"{self.base}credit/{_article_path(article_id)}.{index}")

    def credit_series(self, article_id: str, count: int) -> list[str]:
        """The IRIs of an article's credit nodes 0 … count-1."""
        stem = f"<{self.base}credit/{_article_path(article_id)}." if count else ""
        return [f"{stem}{index}>" for index in range(count)]

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
IDENTIFIER = expand("dcterms:identifier")
# statement and evidence nodes: one block per fact and per evidence, the bulk of both files
STATEMENT_CLASSES = (expand("gb:Statement"), expand("rdf:Statement"))
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = expand("rdf:subject"), expand("rdf:predicate"), expand("rdf:object")
SUPPORT_COUNT, EVIDENCE = expand("gb:supportCount"), expand("gb:evidence")
EVIDENCE_CLASS, EVIDENCE_TEXT, RULE = expand("gb:Evidence"), expand("gb:evidenceText"), expand("gb:rule")
START, END, SENTENCE_INDEX = expand("gb:start"), expand("gb:end"), expand("gb:sentenceIndex")


@functools.cache
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


@dataclass(slots=True)
class EvidenceNode:
    """An evidence node, still to be written: the writers fill a template for these (the bulk of
    both files) instead of going through its pairs."""

    node: str  # its IRI
    graph: str  # IRI of its article, the named graph of all its statements
    evidence: Evidence

    def block(self) -> Block:
        return self.node, evidence_pairs(self.evidence, self.graph)


@dataclass(slots=True)
class StatementNode:
    """A fact's statement node and its evidence nodes, still to be written: the writers fill
    templates for the evidence nodes and write the statement's gb:evidence list in one go."""

    node: str  # its IRI
    pairs: list[Pair]  # all its pairs but the gb:evidence ones
    evidence_stem: str  # the IRI of evidence node n is evidence_stem + f"{n}>"
    evidence: list[Evidence]  # in node order
    graphs: list[str]  # IRI of each evidence's article

    def evidence_nodes(self) -> list[str]:
        return _series(self.evidence_stem, len(self.evidence))

    def blocks(self) -> Iterator[Block]:
        """The statement's block, then its evidence nodes' (what the writers' fast path gives)."""
        nodes = [EvidenceNode(node, graph, ev)
                 for node, graph, ev in zip(self.evidence_nodes(), self.graphs, self.evidence, strict=True)]
        yield self.node, self.pairs + [(EVIDENCE, n.node, n.graph) for n in nodes]
        for node in nodes:
            yield node.block()


def statement_node(fact: GraphFact, mint: Minter) -> StatementNode:
    articles = [mint.article(a) for a in supporting_articles(fact)]
    pairs: list[Pair] = [
        (A, STATEMENT_CLASSES[0], None), (A, STATEMENT_CLASSES[1], None),
        (IDENTIFIER, literal(fact.id), None),
        (RDF_SUBJECT, mint.entity(fact.s), None),
        (RDF_PREDICATE, predicate_iri(fact.p), None),
        (RDF_OBJECT, mint.entity(fact.o), None),
        (SUPPORT_COUNT, integer(len(articles)), None),
    ]
    for key in sorted(fact.q):
        if key in QUALIFIER_PROPERTIES:
            prop, kind = QUALIFIER_PROPERTIES[key]
            terms = (typed_value(value, kind) for value in as_list(fact.q[key]))
            pairs += [(expand(prop), term, None) for term in terms if term]
    pairs += [(DERIVED, a, a) for a in articles]
    evidence = sorted(fact.evidence, key=lambda e: (e.doc, e.article, e.start, e.end, e.rule))
    article = mint.article
    return StatementNode(mint.fact(fact.id), pairs, mint.evidence_stem(fact.id), evidence,
                         [article(ev.article) for ev in evidence])


def evidence_pairs(ev: Evidence, graph: str) -> list[Pair]:
    """An evidence node's statements, all in the named graph of its article (`graph`)."""
    return _evidence_pairs(graph, literal(ev.text), integer(ev.start), integer(ev.end),
                           integer(ev.sentence), literal(ev.rule))


def _evidence_pairs(graph: str, text: str, start: str, end: str, sentence: str, rule: str) -> list[Pair]:
    return [
        (A, EVIDENCE_CLASS, graph), (DERIVED, graph, graph), (EVIDENCE_TEXT, text, graph),
        (START, start, graph), (END, end, graph), (SENTENCE_INDEX, sentence, graph), (RULE, rule, graph),
    ]


# article and credit nodes: one block each per article and credit
NEWS_ARTICLE, ARTICLE_ID = expand("schema:NewsArticle"), expand("gb:articleId")
DOC, KIND, HOME_CITY = expand("gb:doc"), expand("gb:kind"), expand("gb:homeCity")
HEADLINE, DATE_PUBLISHED = expand("schema:headline"), expand("schema:datePublished")
MENTIONS, CREDIT, CREATOR = expand("schema:mentions"), expand("gb:credit"), expand("schema:creator")


def article_blocks(meta: ArticleMeta, graph: Graph, persons_by_name: dict[str, list[str]],
                   mint: Minter) -> Iterator[Block | CreditNode]:
    node = mint.article(meta.id)
    pairs: list[Pair] = [
        (A, NEWS_ARTICLE, None), (ARTICLE_ID, literal(meta.id), None),
        (DOC, literal(meta.doc), None), (KIND, literal(meta.kind), None),
        (START, integer(meta.span[0]), None),
        (END, integer(meta.span[1]), None),
    ]
    if meta.headline:
        headline = literal(meta.headline, lang="zh")
        pairs += [(HEADLINE, headline, None), (LABEL, headline, None)]
    if meta.date:
        pairs.append((DATE_PUBLISHED, date_literal(meta.date), None))
    if meta.home_city:
        pairs.append((HOME_CITY, literal(meta.home_city, lang="zh"), None))
    entities = graph.entities
    pairs += [(MENTIONS, mint.entity(e), None) for e in meta.mentions if e in entities]
    credits = []
    for credit_node, credit in zip(mint.credit_series(meta.id, len(meta.credits)), meta.credits, strict=True):
        person = credited_person(credit, meta, persons_by_name)
        pairs.append((CREDIT, credit_node, None))
        if person:
            pairs.append((CREATOR, mint.entity(person), None))
        credits.append(CreditNode(credit_node, credit, mint.entity(person) if person else None))
    yield node, pairs
    yield from credits


def credited_person(credit: Credit, meta: ArticleMeta, persons_by_name: dict[str, list[str]]) -> str | None:
    """The Person entity a credit names: the one the article mentions, else the only one so named."""
    candidates = persons_by_name.get(credit.name, []) if credit.is_person else []
    mentioned = [c for c in candidates if c in meta.mentions]
    if mentioned:
        return mentioned[0]
    return candidates[0] if len(candidates) == 1 else None


CREDIT_CLASS, CREDIT_NAME, ROLE = expand("gb:Credit"), expand("gb:creditName"), expand("gb:role")
IS_PERSON, CREDITED_PERSON = expand("gb:isPerson"), expand("gb:creditedPerson")


@dataclass(slots=True)
class CreditNode:
    """A credit node, still to be written: the writers fill a template for it."""

    node: str  # its IRI
    credit: Credit
    person: str | None  # IRI of the Person entity it names, if any

    def block(self) -> Block:
        return self.node, credit_pairs(self.credit, self.person)


def credit_pairs(credit: Credit, person: str | None) -> list[Pair]:
    """A credit node's statements; `person`: the IRI of the credited Person, if any."""
    return _credit_pairs(literal(credit.name, lang="zh"), literal(credit.role), boolean(credit.is_person),
                         integer(credit.span[0]), integer(credit.span[1]), person)


def _credit_pairs(name: str, role: str, is_person: str, start: str, end: str,
                  person: str | None) -> list[Pair]:
    pairs: list[Pair] = [
        (A, CREDIT_CLASS, None), (CREDIT_NAME, name, None), (ROLE, role, None),
        (IS_PERSON, is_person, None), (START, start, None), (END, end, None),
    ]
    if person:
        pairs.append((CREDITED_PERSON, person, None))
    return pairs


def iter_blocks(graph: Graph, mint: Minter | None = None) -> Iterator[Block]:
    """Every subject with its statements, in a deterministic order."""
    for item in iter_nodes(graph, mint or Minter()):
        if type(item) is StatementNode:
            yield from item.blocks()
        elif type(item) is CreditNode:
            yield item.block()
        else:
            yield item  # type: ignore[misc]


def iter_nodes(graph: Graph, mint: Minter) -> Iterator[Block | StatementNode | CreditNode]:
    """iter_blocks, with statement nodes (and their evidence nodes) and credit nodes left for the
    writers' templates."""
    outgoing: dict[str, list[tuple[GraphFact, bool]]] = defaultdict(list)
    for fid in sorted(graph.facts):
        fact = graph.facts[fid]
        outgoing[fact.s].append((fact, False))
        if fact.p in SYMMETRIC and fact.o != fact.s:
            outgoing[fact.o].append((fact, True))
    for eid in sorted(graph.entities):
        yield entity_block(graph.entities[eid], outgoing.get(eid, []), mint)
    for fid in sorted(graph.facts):
        yield statement_node(graph.facts[fid], mint)
    persons_by_name: dict[str, list[str]] = defaultdict(list)
    for eid in sorted(graph.entities):
        if graph.entities[eid].type == "Person":
            persons_by_name[graph.entities[eid].name].append(eid)
    for _, article in in_id_order(graph.articles):
        yield from article_blocks(article, graph, persons_by_name, mint)


# ---------------------------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------------------------

_PCT = r"%[0-9A-F]{2}"
_LOCAL = re.compile(rf"^(?:[A-Za-z0-9_]|{_PCT})(?:(?:[A-Za-z0-9_.-]|{_PCT})*(?:[A-Za-z0-9_-]|{_PCT}))?$")


_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_.-]+")


def _is_local_name(text: str) -> bool:
    """_LOCAL.match(text), 5x faster for the usual names (no %XX escapes): one character class."""
    if _PLAIN_LOCAL.fullmatch(text):
        return text[0] not in ".-" and text[-1] != "."
    return bool(_LOCAL.match(text))


IRI_MEMO = 1 << 16  # IRIs kept in compacted form (entities, articles, graphs): a bounded memo
GRAPH_MEMO = 1 << 13  # article graphs kept as bytes: an article's evidence nodes come together


class _CompactIris(dict[str, str]):
    """'<IRI>' -> its Turtle form, computed on first use: IRIs recur in many blocks."""

    __slots__ = ("prefix_of",)

    def __init__(self, prefix_of: dict[str, str]) -> None:
        super().__init__()
        self.prefix_of = prefix_of  # every namespace ends in / or #

    def __missing__(self, term: str) -> str:
        if len(self) >= IRI_MEMO:  # entities and articles: as many as the archive holds
            self.clear()
        compacted = self[term] = self.compact(term)
        return compacted

    def compact(self, term: str) -> str:
        """The Turtle form, not kept (for an IRI used once)."""
        value = term[1:-1]
        cut = max(value.rfind("/"), value.rfind("#")) + 1
        prefix = self.prefix_of.get(value[:cut])
        return f"{prefix}:{value[cut:]}" if prefix and _is_local_name(value[cut:]) else term

    def series(self, stem: str, count: int) -> list[str]:
        """The Turtle forms of _series(stem, count), for a stem such as Minter.evidence_stem's:
        whether `…stem.n` takes a prefix does not depend on the digits n, so node 0 tells."""
        first = f"{stem}0>"
        compacted = self.compact(first)
        if compacted == first:
            return _series(stem, count)
        compacted_stem = compacted[:-1]
        return [f"{compacted_stem}{index}" for index in range(count)]


class TurtleWriter:
    """Turtle text of subject blocks, with prefixed names where the local part allows it."""

    def __init__(self, data_namespaces: dict[str, str]) -> None:
        prefixes = {**PREFIXES, **data_namespaces}
        self.iris = _CompactIris({ns: prefix for prefix, ns in prefixes.items()})
        self.header = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(prefixes.items()))

    def term(self, term: str) -> str:
        if term[:1] == "<":
            return self.iris[term]
        if "^^" not in term:  # plain and language-tagged literals stay as they are
            return term
        body, _, datatype = term.rpartition("^^")
        if not body.endswith('"'):
            return term
        return f"{body}^^{self.iris[datatype] if datatype[:1] == '<' else datatype}"

    def block(self, subject: str, pairs: list[Pair]) -> str:
        """Types first (`a …`), then the other predicates in order, one line per predicate."""
        iris, term = self.iris, self.term
        ordered = sorted({(p, o) for p, o, _ in pairs})  # no key function: a C-only sort
        types = [iris[o] for p, o in ordered if p == A]
        lines = ["a " + " , ".join(types)] if types else []
        last_p = A
        for p, o in ordered:
            if p == A:
                continue
            text = iris[o] if o[:1] == "<" else o if "^^" not in o else term(o)  # term(), inlined
            if p == last_p:
                lines[-1] += " , " + text
            else:
                lines.append(f"{iris[p]} {text}")
                last_p = p
        return f"\n{iris[subject]}\n    " + " ;\n    ".join(lines) + " .\n"


def nquads_block(subject: str, pairs: Iterable[Pair]) -> str:
    return "".join([f"{subject} {p} {o} {g} .\n" if g else f"{subject} {p} {o} .\n" for p, o, g in pairs])


class EvidenceWriter:
    """Turtle and N-Quads of evidence nodes, as UTF-8. Every one has the same seven predicates, so
    the generic writers, run once on placeholders, make templates that each evidence node fills in."""

    FIELDS = 7  # node graph text start end sentence rule
    CONVERSIONS = "sssddds"  # the ints are formatted by the template, the rest are UTF-8 bytes

    def __init__(self, turtle: TurtleWriter) -> None:
        marks = [f"\x00{i}\x00" for i in range(self.FIELDS)]
        node, graph = f'"{marks[0]}"', f'"{marks[1]}"'  # whole terms (plain literals: kept as they are)
        text, rule = f'"{marks[2]}"', f'"{marks[6]}"'  # the escaped text goes between the quotes
        start, end, sentence = (integer_literal(mark) for mark in marks[3:6])  # the digits do
        pairs = _evidence_pairs(graph, text, start, end, sentence, rule)
        whole_terms = [(node, marks[0]), (graph, marks[1])]
        self.turtle = _filler(turtle.block(node, pairs), whole_terms, self.CONVERSIONS)
        self.nquads = _filler(nquads_block(node, pairs), whole_terms, self.CONVERSIONS)
        self.iris = turtle.iris
        # an article's IRI as bytes, in Turtle and in N-Quads: each is the graph of many nodes
        self.turtle_graphs = Memo(lambda iri: self.iris.compact(iri).encode(), limit=GRAPH_MEMO)
        self.quad_graphs = Memo(lambda graph: str(graph).encode(), limit=GRAPH_MEMO)
        self.rules = Memo(lambda rule: escaped(str(rule)).encode())  # a handful of rules name them all

    def texts(self, item: EvidenceNode) -> tuple[bytes, bytes]:
        """(Turtle, N-Quads) of one evidence node: the UTF-8 of what block() and nquads_block() give."""
        return self.texts_of(item.node.encode(), self.iris[item.node].encode(), item.graph, item.evidence)

    def texts_of(self, node: bytes, turtle_node: bytes, graph: str, ev: Evidence) -> tuple[bytes, bytes]:
        """texts() of the node `node` (`turtle_node` in Turtle) of `ev`, in the graph `graph`."""
        text = escaped(str(ev.text)).encode()
        values = (text, int(ev.start), int(ev.end), int(ev.sentence), self.rules[ev.rule])
        return (self.turtle(turtle_node, self.turtle_graphs[graph], *values),
                self.nquads(node, self.quad_graphs[graph], *values))


class CreditWriter:
    """Turtle and N-Quads of credit nodes, as UTF-8, from templates (see EvidenceWriter): one for
    credits that name a Person entity, one for the others."""

    # node name role is_person start end [person]: the ints are formatted by the template
    CONVERSIONS = "ssssdd"

    def __init__(self, turtle: TurtleWriter) -> None:
        marks = [f"\x00{i}\x00" for i in range(len(self.CONVERSIONS) + 1)]
        node, person = f'"{marks[0]}"', f'"{marks[6]}"'  # whole terms (plain literals: kept as they are)
        name, role = f'"{marks[1]}"@zh', f'"{marks[2]}"'  # the escaped text goes between the quotes
        is_person = f'"{marks[3]}"^^<{XSD}boolean>'
        start, end = integer_literal(marks[4]), integer_literal(marks[5])
        self.templates = {}
        for has_person, conversions in ((False, self.CONVERSIONS), (True, self.CONVERSIONS + "s")):
            pairs = _credit_pairs(name, role, is_person, start, end, person if has_person else None)
            whole_terms = [(node, marks[0]), (person, marks[6])]
            self.templates[has_person] = (_filler(turtle.block(node, pairs), whole_terms, conversions),
                                          _filler(nquads_block(node, pairs), whole_terms, conversions))
        self.iris = turtle.iris
        self.roles = Memo(lambda role: escaped(str(role)).encode())

    def texts(self, item: CreditNode) -> tuple[bytes, bytes]:
        """(Turtle, N-Quads) of a credit node: the UTF-8 of what block() and nquads_block() give."""
        credit = item.credit
        values = [escaped(str(credit.name)).encode(), self.roles[credit.role],
                  b"true" if credit.is_person else b"false", int(credit.span[0]), int(credit.span[1])]
        turtle_values = values.copy()
        if item.person:
            values.append(item.person.encode())
            turtle_values.append(self.iris[item.person].encode())
        # the article's block put the node's IRI in the memo; this is its last use: take it out
        turtle_node = self.iris.pop(item.node, None) or self.iris.compact(item.node)
        turtle, nquads = self.templates[bool(item.person)]
        return turtle(turtle_node.encode(), *turtle_values), nquads(item.node.encode(), *values)


class StatementWriter:
    """Turtle and N-Quads of a statement node and its evidence nodes, as UTF-8: the generic writers
    for the statement but its gb:evidence list, joined once; the evidence nodes from templates."""

    # stands for the whole gb:evidence list in the statement's Turtle block; a plain literal, so
    # the block writer keeps it as it is, and no escaped term holds a NUL
    EVIDENCE_LIST = '"\x00evidence\x00"'

    def __init__(self, turtle: TurtleWriter) -> None:
        self.turtle = turtle
        self.evidence = EvidenceWriter(turtle)

    def texts(self, item: StatementNode) -> Iterator[tuple[bytes, bytes]]:
        """(Turtle, N-Quads) of the statement, then of each evidence node (one at a time: a fact
        may have thousands)."""
        if not item.evidence:
            turtle_block = self.turtle.block(item.node, item.pairs)
            yield turtle_block.encode(), nquads_block(item.node, item.pairs).encode()
            return
        nodes = item.evidence_nodes()
        turtle_nodes = self.turtle.iris.series(item.evidence_stem, len(nodes))
        listed = " , ".join([name for _, name in sorted(zip(nodes, turtle_nodes, strict=True))])
        turtle_block = self.turtle.block(item.node, [*item.pairs, (EVIDENCE, self.EVIDENCE_LIST, None)])
        head = f"{item.node} {EVIDENCE} "
        quads = [nquads_block(item.node, item.pairs)]
        quads += [f"{head}{node} {graph} .\n" for node, graph in zip(nodes, item.graphs, strict=True)]
        yield turtle_block.replace(self.EVIDENCE_LIST, listed, 1).encode(), "".join(quads).encode()
        texts_of = self.evidence.texts_of
        for node, turtle_node, graph, ev in zip(nodes, turtle_nodes, item.graphs, item.evidence, strict=True):
            yield texts_of(node.encode(), turtle_node.encode(), graph, ev)


_MARK = re.compile("\x00(\\d+)\x00")


def _filler(text: str, whole_terms: list[tuple[str, str]], conversions: str) -> Callable[..., bytes]:
    """A function of len(conversions) values that returns the UTF-8 of `text` with each value at
    its mark (a byte_interleaver: see there for the conversions)."""
    for holder, mark in whole_terms:
        text = text.replace(holder, mark)
    pieces = _MARK.split(text)  # text, field number, text, field number, …, text
    order = [int(number) for number in pieces[1::2]]
    if set(order) != set(range(len(conversions))):
        raise ValueError("a template lost one of its fields")
    return byte_interleaver(pieces[0::2], order, conversions)


# texts (blocks, or an evidence node's) buffered per write, under 2 kB each: few write calls, a
# small buffer
FLUSH_TEXTS = 256


def write_files(graph: Graph, out_dir: Path, mint: Minter | None = None) -> tuple[Path, Path]:
    """Stream DIR/graph.ttl and DIR/graph.nq (UTF-8); each appears atomically (temp file, rename)."""
    mint = mint or Minter()
    out_dir.mkdir(parents=True, exist_ok=True)
    ttl, nq = out_dir / "graph.ttl", out_dir / "graph.nq"
    ttl_tmp, nq_tmp = out_dir / ".graph.ttl.tmp", out_dir / ".graph.nq.tmp"
    try:
        with open(ttl_tmp, "wb") as t, open(nq_tmp, "wb") as q:
            turtle = TurtleWriter(mint.namespaces())
            statement_writer, credit_writer = StatementWriter(turtle), CreditWriter(turtle)
            t.write(turtle.header.encode())
            turtle_texts: list[bytes] = []
            quad_texts: list[bytes] = []

            def flush() -> None:
                t.write(b"".join(turtle_texts))
                q.write(b"".join(quad_texts))
                turtle_texts.clear()
                quad_texts.clear()

            for item in iter_nodes(graph, mint):
                if type(item) is StatementNode:
                    for turtle_text, quad_text in statement_writer.texts(item):
                        turtle_texts.append(turtle_text)
                        quad_texts.append(quad_text)
                        if len(quad_texts) > FLUSH_TEXTS:
                            flush()
                    continue
                if type(item) is CreditNode:
                    turtle_text, quad_text = credit_writer.texts(item)
                else:
                    subject, pairs = item  # type: ignore[misc]
                    turtle_text, quad_text = turtle.block(subject, pairs).encode(), \
                        nquads_block(subject, pairs).encode()
                turtle_texts.append(turtle_text)
                quad_texts.append(quad_text)
                if len(quad_texts) > FLUSH_TEXTS:
                    flush()
            flush()
        os.replace(ttl_tmp, ttl)
        os.replace(nq_tmp, nq)
    finally:
        ttl_tmp.unlink(missing_ok=True)
        nq_tmp.unlink(missing_ok=True)
    return ttl, nq


def write(graph: Graph, out_dir: Path) -> list[Path]:
    return list(write_files(graph, Path(out_dir)))
