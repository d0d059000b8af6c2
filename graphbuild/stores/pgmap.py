"""The property-graph mapping of the resolved Graph, shared by the Bolt loader and the Neo4j files.

Nodes
  every entity: labels `Entity` + its type (`Person`, `Organization`, …) + its subtype when known
  (`GovernmentBody`, `City`, `Meeting`, …); properties `id`, `name`, `type`, `subtype`, `aliases`
  and the entity's attrs. Articles: label `Article`, properties `id`, `name` (the headline, so
  Browser captions work), `doc`, `headline`, `kind`, `home_city`, `date`, `span_start`, `span_end`,
  `credits` (`role:name`).
Relationships
  one per fact, type = predicate in UPPER_SNAKE_CASE; properties `id` (fact id), `predicate`, the
  qualifiers (`date`, `count`, `investment_cny`), `articles` (distinct supporting article ids),
  `article_count`, and parallel evidence lists `evidence_articles`, `evidence_sentences`,
  `evidence_starts`, `evidence_ends`, `evidence_rules`, `evidence_texts`.
  `(:Article)-[:MENTIONS]->(:Entity)` for every entity an article names, and
  `(:Article)-[:SUPPORTS {fact, predicate, object, object_id, …evidence}]->(subject)` for every
  (fact, supporting article) pair, so a Browser user can walk from a fact to its sources and back.

Labels and relationship types come only from the fixed allow-lists below and are backtick-quoted;
every value travels as a parameter (`$rows`). Rows are made a statement's group at a time, on
demand (`row_groups`): no more than one group's rows need be in memory, since graph.articles and
fact evidence may be streamed from disk.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from operator import attrgetter
from typing import Any

from graphbuild.model import PREDICATES, ArticleMeta, Entity, Evidence, Graph, GraphFact
from graphbuild.ondisk import in_id_order

log = logging.getLogger("graphbuild.neo4j")

ENTITY_LABEL = "Entity"
ARTICLE_LABEL = "Article"
ENTITY_TYPES = ("Person", "Organization", "Place", "Event", "Project", "Post", "Position")
SUBTYPES: dict[str, tuple[str, ...]] = {
    "Organization": ("GovernmentBody", "PartyBody", "Enterprise", "Cooperative", "Bank", "Hospital",
                     "School", "Association", "Unit"),
    "Place": ("Province", "City", "District", "County", "Town", "Street", "Community",
              "DevelopmentZone", "Park", "Venue"),
    "Event": ("Meeting", "Expo", "Activity", "SigningCeremony", "Training", "Campaign"),
}
GRAPH_PREDICATES = (*PREDICATES, "post_in", "part_of")
REL_TYPES: dict[str, str] = {p: p.upper() for p in GRAPH_PREDICATES}
MENTIONS, SUPPORTS = "MENTIONS", "SUPPORTS"
ALL_LABELS = (ENTITY_LABEL, ARTICLE_LABEL, *ENTITY_TYPES,
              *(s for subs in SUBTYPES.values() for s in subs))
ALL_REL_TYPES = (*REL_TYPES.values(), MENTIONS, SUPPORTS)

_PROPERTY_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quote_name(name: str) -> str:
    """Backtick-quote a label or type, refusing anything outside the allow-lists."""
    if name not in ALL_LABELS and name not in ALL_REL_TYPES:
        raise ValueError(f"not an allowed label or relationship type: {name!r}")
    return f"`{name}`"


# ---------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------


# Not frozen: a frozen dataclass's __init__ costs 4x more, and a build makes one row per fact,
# mention and evidence group.
@dataclass(slots=True)
class NodeRow:
    id: str
    labels: tuple[str, ...]  # Entity/Article first, then type, then subtype
    props: dict[str, Any]


@dataclass(slots=True)
class RelRow:
    type: str
    start: str
    end: str
    start_space: str  # ENTITY_LABEL or ARTICLE_LABEL: the label (and ID space) of the start node
    key: str | None  # property that tells parallel relationships apart (MERGE key), if any
    props: dict[str, Any] = field(default_factory=dict)


def clean_props(props: dict[str, Any], clean: Collection[str] = ()) -> dict[str, Any]:
    """Drop what a property graph cannot store (None, '', [], nested values, odd keys).
    Every list comes out with one element type (writers rely on it). The caller vouches that the
    values under the keys in `clean` are storable already (non-empty lists of one scalar type)."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if key not in _PLAIN_KEYS and not _plain_key(key):
            log.warning("property %r dropped: not a plain identifier", key)
            continue
        if type(value) in _SCALAR_TYPES:  # most values: _storable's first case, inlined
            if value != "":
                out[key] = value
            continue
        if key in clean:
            out[key] = value
            continue
        value = _storable(value)
        if value is not None:
            out[key] = value
    return out


_PLAIN_KEYS: set[str] = set()  # keys already checked: a set lookup, not a regex, per property


def _plain_key(key: str) -> bool:
    if _PROPERTY_KEY.match(key):
        _PLAIN_KEYS.add(key)
        return True
    return False


_SCALARS = (str, int, float, bool)
_SCALAR_TYPES = frozenset(_SCALARS)  # built once: _storable runs for every property
_NONE_TYPE = type(None)


def _storable(value: Any) -> Any:
    if type(value) in _SCALAR_TYPES:  # the common case first
        return None if value == "" else value
    if value is None:
        return None
    if isinstance(value, list | tuple):
        kinds = set(map(type, value))  # one C-level pass; filtering only when a None is there
        if _NONE_TYPE in kinds:
            value = [v for v in value if v is not None]
            kinds.discard(_NONE_TYPE)
        if not value:
            return None
        if len(kinds) == 1 and kinds <= _SCALAR_TYPES:
            return list(value)
        if kinds <= {int, float}:
            return [float(v) for v in value]
        return [str(v) for v in value]  # mixed lists: strings are the one type every engine stores
    if isinstance(value, _SCALARS):  # subclasses such as an IntEnum
        return value
    return str(value) or None


def entity_labels(entity: Entity) -> tuple[str, ...] | None:
    if entity.type not in ENTITY_TYPES:
        return None
    labels = [ENTITY_LABEL, entity.type]
    if entity.subtype in SUBTYPES.get(entity.type, ()):
        labels.append(entity.subtype)
    return tuple(labels)


def entity_props(entity: Entity) -> dict[str, Any]:
    core = {"id": entity.id, "name": entity.name, "type": entity.type, "subtype": entity.subtype,
            "aliases": sorted(entity.aliases)}
    return clean_props({**entity.attrs, **core})


def article_props(article: ArticleMeta) -> dict[str, Any]:
    return clean_props({
        "id": article.id, "name": article.headline or article.id, "doc": article.doc,
        "headline": article.headline, "kind": article.kind, "home_city": article.home_city,
        "date": article.date, "span_start": article.span[0], "span_end": article.span[1],
        "credits": [f"{c.role}:{c.name}" for c in article.credits],
    })


_FACT_EVIDENCE_LISTS = frozenset({"articles", "evidence_articles", "evidence_sentences", "evidence_starts",
                                  "evidence_ends", "evidence_rules", "evidence_texts"})


def fact_props(fact: GraphFact) -> dict[str, Any]:
    ev = list(fact.evidence)  # read once: it may be decoded again on every access
    articles = sorted({e.article for e in ev})
    core = {
        "id": fact.id, "predicate": fact.p, "articles": articles, "article_count": len(articles),
        "evidence_articles": [e.article for e in ev], "evidence_sentences": [e.sentence for e in ev],
        "evidence_starts": [e.start for e in ev], "evidence_ends": [e.end for e in ev],
        "evidence_rules": [e.rule for e in ev], "evidence_texts": [e.text for e in ev],
    }
    return clean_props({**fact.q, **core}, _FACT_EVIDENCE_LISTS if ev and _well_typed(ev) else ())


# ---------------------------------------------------------------------------------------------
# Row groups: one per statement, their rows made on demand
# ---------------------------------------------------------------------------------------------


Row = NodeRow | RelRow


@dataclass(frozen=True, slots=True)
class RowGroup:
    """The rows of one statement (a label set, or a relationship type), streamed on demand: a
    group's rows need not be in memory all at once, nor any two groups' rows together."""

    kind: str  # "node" | "relationship"
    key: tuple[str, ...]  # the label set, or (type, start label, MERGE key or "")
    rows: Callable[[], Iterator[Row]]  # every call streams the rows again, in load order
    grows: bool = False  # with the articles or the evidence: stream it, never hold it
    # rows whose properties hint at the names and types the rows take beyond their first ones,
    # cheaply (no evidence read); a hint only: who needs the types up front checks them after
    samples: Callable[[], Iterator[Row]] | None = None
    weigh: Callable[[Row], int] | None = None  # for rows that carry a fact's evidence: how much

    @property
    def statement(self) -> str:
        if self.kind == "node":
            return node_statement(self.key)
        rel_type, start_space, key = self.key
        return rel_statement(rel_type, start_space, key or None)


def row_groups(graph: Graph) -> list[RowGroup]:
    """Every statement's rows in load order: nodes by label set, then relationships by (type,
    start label, key); a group may turn out to have no rows (MENTIONS, SUPPORTS)."""
    by_labels = _entities_by_labels(graph)
    node_ids = {eid for ids in by_labels.values() for eid in ids}
    nodes = [RowGroup("node", labels, partial(_entity_rows, graph, labels, ids))
             for labels, ids in by_labels.items()]
    if graph.articles:
        nodes.append(RowGroup("node", (ARTICLE_LABEL,), partial(_article_rows, graph), grows=True))
    rel = partial(RowGroup, "relationship")
    rels = [rel((rel_type, ENTITY_LABEL, "id"), partial(_fact_rels, graph, rel_type, fids), grows=True,
                samples=partial(_fact_samples, graph, rel_type, fids), weigh=_evidence_count)
            for rel_type, fids in _facts_by_type(graph, node_ids).items()]
    rels.append(rel((MENTIONS, ARTICLE_LABEL, ""), partial(_mention_rels, graph, node_ids), grows=True))
    rels.append(rel((SUPPORTS, ARTICLE_LABEL, "fact"), partial(_support_rels, graph, node_ids), grows=True))
    by_key = attrgetter("key")
    return sorted(nodes, key=by_key) + sorted(rels, key=by_key)


def node_rows(graph: Graph) -> list[NodeRow]:
    """Every node row at once, in load order (small graphs; the writer and loader stream groups)."""
    return [row for group in row_groups(graph) if group.kind == "node" for row in group.rows()]  # type: ignore[misc]


def rel_rows(graph: Graph) -> list[RelRow]:
    """Every relationship row at once, in load order; only between nodes that exist."""
    return [row for group in row_groups(graph) if group.kind == "relationship"  # type: ignore[misc]
            for row in group.rows()]


def _entities_by_labels(graph: Graph) -> dict[tuple[str, ...], list[str]]:
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for eid in sorted(graph.entities):
        labels = entity_labels(graph.entities[eid])
        if labels is None:
            log.warning("entity %s skipped: type %r has no label", eid, graph.entities[eid].type)
            continue
        groups[labels].append(eid)
    return groups


def _facts_by_type(graph: Graph, node_ids: set[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for fid in sorted(graph.facts):
        fact = graph.facts[fid]
        if not _linked(fact, node_ids):
            log.warning("fact %s skipped: unknown predicate or endpoint", fid)
            continue
        groups[REL_TYPES[fact.p]].append(fid)
    return groups


def _linked(fact: GraphFact, node_ids: set[str]) -> bool:
    """A fact becomes a relationship: its predicate has a type, both its ends are nodes."""
    return fact.p in REL_TYPES and fact.s in node_ids and fact.o in node_ids


def _entity_rows(graph: Graph, labels: tuple[str, ...], ids: list[str]) -> Iterator[NodeRow]:
    for eid in ids:
        yield NodeRow(eid, labels, entity_props(graph.entities[eid]))


def _article_rows(graph: Graph) -> Iterator[NodeRow]:
    for aid, article in in_id_order(graph.articles):
        yield NodeRow(aid, (ARTICLE_LABEL,), article_props(article))


def _fact_rels(graph: Graph, rel_type: str, fids: list[str]) -> Iterator[RelRow]:
    for fid in fids:
        fact = graph.facts[fid]
        yield RelRow(rel_type, fact.s, fact.o, ENTITY_LABEL, "id", fact_props(fact))


def _fact_samples(graph: Graph, rel_type: str, fids: list[str]) -> Iterator[RelRow]:
    """The qualifiers, the properties whose names and types vary from fact to fact (no evidence
    read: the rest of a fact's properties are the same on every row, in name and type)."""
    for fid in fids:
        fact = graph.facts[fid]
        yield RelRow(rel_type, fact.s, fact.o, ENTITY_LABEL, "id", clean_props(fact.q))


def _evidence_count(row: Row) -> int:
    """How many evidence items a fact relationship row carries (to bound what is held at once)."""
    return len(row.props.get("evidence_articles") or ())


def _mention_rels(graph: Graph, node_ids: set[str]) -> Iterator[RelRow]:
    for aid, article in in_id_order(graph.articles):
        for eid in sorted(node_ids.intersection(article.mentions)):
            yield RelRow(MENTIONS, aid, eid, ARTICLE_LABEL, None)


def _support_rels(graph: Graph, node_ids: set[str]) -> Iterator[RelRow]:
    for fid in sorted(graph.facts):
        fact = graph.facts[fid]
        if _linked(fact, node_ids):
            yield from _fact_supports(graph, fid, fact)


def _fact_supports(graph: Graph, fid: str, fact: GraphFact) -> Iterator[RelRow]:
    evidence = fact.evidence  # read once: it may be decoded again on every access
    by_article = defaultdict(list)
    for ev in evidence:
        by_article[ev.article].append(ev)
    # lists of well-typed evidence fields are what clean_props would return: skip it then
    clean_lists = _identity if _well_typed(evidence) else clean_props
    # the fact's own properties are the same on every row: cleaned once
    shared = clean_props({"fact": fid, "predicate": fact.p, "object_id": fact.o,
                          "object": graph.entities[fact.o].name})
    for aid in sorted(by_article):  # every article evidence names is in graph.articles
        yield RelRow(SUPPORTS, aid, fact.s, ARTICLE_LABEL, "fact",
                     shared | clean_lists(_evidence_lists(by_article[aid])))


def _evidence_lists(evs: list[Evidence]) -> dict[str, list[Any]]:
    if len(evs) == 1:  # most rows: no comprehension needed
        e = evs[0]
        return {"sentences": [e.sentence], "starts": [e.start], "ends": [e.end], "rules": [e.rule],
                "texts": [e.text]}
    return {"sentences": [e.sentence for e in evs], "starts": [e.start for e in evs],
            "ends": [e.end for e in evs], "rules": [e.rule for e in evs], "texts": [e.text for e in evs]}


def _well_typed(evidence: Sequence[Evidence]) -> bool:
    """Is every evidence field of its declared type (exactly)? Then a list of one field across
    evidence is storable as it is (no None, one type), which is what clean_props checks for.
    Decided per fact: cleaning a well-typed list changes nothing, so a graph-wide answer would
    give the same rows. Spelled out: a generic check costs several times more."""
    for e in evidence:
        if (type(e.article) is not str or type(e.sentence) is not int or type(e.start) is not int
                or type(e.end) is not int or type(e.rule) is not str or type(e.text) is not str):
            return False
    return True


def _identity(props: dict[str, Any]) -> dict[str, Any]:
    return props


# ---------------------------------------------------------------------------------------------
# Statements: one text per label set / relationship type, rows as the `$rows` parameter
# ---------------------------------------------------------------------------------------------


def node_statement(labels: tuple[str, ...]) -> str:
    """MERGE on the first label's id, replace properties, and reset the subtype label."""
    anchor, extra = labels[0], labels[1:]
    lines = ["UNWIND $rows AS row", f"MERGE (n:{quote_name(anchor)} {{id: row.id}})",
             "SET n = row.props"]
    if extra:
        stale = [s for s in SUBTYPES.get(extra[0], ()) if s not in extra]
        if stale:  # a rebuilt graph may have re-typed the entity; keep exactly one subtype label
            lines.append("REMOVE n" + "".join(f":{quote_name(s)}" for s in stale))
        lines.append("SET n" + "".join(f":{quote_name(label)}" for label in extra))
    return "\n".join(lines)


def rel_statement(rel_type: str, start_space: str, key: str | None) -> str:
    merge_key = f" {{{key}: row.props.{key}}}" if key else ""
    return "\n".join([
        "UNWIND $rows AS row",
        f"MATCH (s:{quote_name(start_space)} {{id: row.start}})",
        f"MATCH (o:{quote_name(ENTITY_LABEL)} {{id: row.end}})",
        f"MERGE (s)-[r:{quote_name(rel_type)}{merge_key}]->(o)",
        "SET r = row.props",
    ])


@dataclass(frozen=True, slots=True)
class Batch:
    """One statement run: shared text, a slice of rows as `$rows`."""

    cypher: str
    rows: list[dict[str, Any]]
    kind: str  # "node" | "relationship"

    @property
    def params(self) -> dict[str, Any]:
        return {"rows": self.rows}


def load_batches(graph: Graph, batch_size: int = 1000) -> list[Batch]:
    """Every statement the loader runs, nodes before relationships, in a fixed order."""
    return list(iter_batches(graph, batch_size))


def iter_batches(graph: Graph, batch_size: int = 1000) -> Iterator[Batch]:
    """load_batches, made as they are taken: only one batch's rows are in memory."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    return _batches(row_groups(graph), batch_size)


def _batches(groups: list[RowGroup], batch_size: int) -> Iterator[Batch]:
    for group in groups:
        statement, rows = group.statement, group.rows()
        while chunk := list(islice(rows, batch_size)):
            yield Batch(statement, [row_param(row) for row in chunk], group.kind)


def row_param(row: NodeRow | RelRow) -> dict[str, Any]:
    """One element of a statement's `$rows`."""
    if isinstance(row, NodeRow):
        return {"id": row.id, "props": row.props}
    return {"start": row.start, "end": row.end, "props": row.props}


# ---------------------------------------------------------------------------------------------
# Schema: the only Neo4j-specific statements (FalkorDB gets plain indexes instead)
# ---------------------------------------------------------------------------------------------

CONSTRAINED_LABELS = (ENTITY_LABEL, ARTICLE_LABEL, *ENTITY_TYPES)


def neo4j_constraint_statements() -> list[str]:
    """Uniqueness of `id` per label (each constraint also gives Neo4j the index MERGE needs)."""
    return [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{quote_name(label)}) REQUIRE n.id IS UNIQUE" for label in CONSTRAINED_LABELS]


def falkordb_index_statements() -> list[str]:
    """FalkorDB has no IF NOT EXISTS; the runner ignores 'already indexed'."""
    return [f"CREATE INDEX FOR (n:{quote_name(label)}) ON (n.id)" for label in CONSTRAINED_LABELS]
