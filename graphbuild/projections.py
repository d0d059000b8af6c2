"""Views of the resolved graph that drawing tools read: the full graph, or a projection of it.

A `View` is a node/edge list with a label per node and per edge, a float weight per edge and flat
attributes; the Gephi writers and the HTML report draw any view the same way. Every view is sorted by
id so that writing it twice gives the same bytes.

The graph's articles and evidence grow with the archive, so nothing here holds them all: a view's
edges are built afresh on each pass over them, and the counts of distinct articles or pages are
kept in memory only up to a bound, beyond which sorted runs are merged from disk.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from graphbuild.model import Graph, GraphFact
from graphbuild.ondisk import count_distinct, unique_neighbours

_T = TypeVar("_T")

# One colour per entity type (Tableau 10), shared by the GEXF `viz:color` and the HTML report.
TYPE_COLORS: dict[str, str] = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "Place": "#59a14f",
    "Event": "#f28e2b",
    "Project": "#b07aa1",
    "Post": "#edc948",
    "Position": "#edc948",
    "Article": "#9c755f",
}
OTHER_COLOR = "#8c8c8c"

ATTENDANCE_PREDICATES = ("presides", "attends", "witnesses")
# Names the writers use themselves, or that Gephi's importers read as position/colour/size;
# entity attrs with these names are renamed attr_NAME.
RESERVED_ATTRS = frozenset({"id", "label", "type", "subtype", "weight", "start", "end", "source", "target",
                            "r", "g", "b", "color", "size", "x", "y", "z"})


@dataclass(slots=True)
class ViewNode:
    id: str
    label: str
    type: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ViewEdge:
    id: str
    source: str
    target: str
    label: str
    weight: float
    attrs: dict[str, Any] = field(default_factory=dict)


# builds a view's edges in order; with detail=False their attrs may be left empty
EdgeBuilder = Callable[[bool], Iterator[ViewEdge]]


class Edges:
    """A view's edges, built afresh on each pass: a view never holds them all, as they may be
    many (person pairs) or carry every supporting article id."""

    __slots__ = ("_build", "_count")

    def __init__(self, build: EdgeBuilder, count: int | None = None) -> None:
        self._build, self._count = build, count

    @classmethod
    def of(cls, edges: list[ViewEdge]) -> Edges:
        return cls(lambda _detail: iter(edges), len(edges))

    def __iter__(self) -> Iterator[ViewEdge]:
        return self._build(True)

    def bare(self) -> Iterator[ViewEdge]:
        """The edges with ends, label and weight only (attrs may be empty): what a picture needs."""
        return self._build(False)

    def __len__(self) -> int:
        if self._count is None:
            self._count = sum(1 for _ in self.bare())
        return self._count


@dataclass(slots=True)
class View:
    name: str
    directed: bool
    nodes: list[ViewNode]
    edges: Edges


def type_color(type_: str) -> str:
    return TYPE_COLORS.get(type_, OTHER_COLOR)


def mention_counts(graph: Graph) -> dict[str, int]:
    """Per entity, the number of articles that name it (one pass over the articles)."""
    counts: dict[str, int] = defaultdict(int)
    for meta in graph.articles.values():
        for entity_id in set(meta.mentions):
            counts[entity_id] += 1
    return counts


def _mentions(graph: Graph, mentions: Mapping[str, int] | None) -> Mapping[str, int]:
    return mention_counts(graph) if mentions is None else mentions


def entity_node(graph: Graph, entity_id: str, articles: Mapping[str, int], **extra: Any) -> ViewNode:
    """A node for one entity: subtype, aliases and attrs flattened, plus any view-specific extras."""
    entity = graph.entities[entity_id]
    attrs: dict[str, Any] = {"subtype": entity.subtype, "aliases": entity.aliases}
    for key, value in sorted(entity.attrs.items()):
        attrs[f"attr_{key}" if key in RESERVED_ATTRS else key] = value
    attrs["articles"] = articles.get(entity_id, 0)
    attrs.update(extra)
    return ViewNode(entity_id, entity.name, entity.type, attrs)


def fact_date(graph: Graph, fact: GraphFact) -> str | None:
    """The fact's own date, else the date of the event it points to (so timelines can filter)."""
    if fact.q.get("date"):
        return str(fact.q["date"])
    target = graph.entities.get(fact.o)
    if target is not None and target.type == "Event" and target.attrs.get("date"):
        return str(target.attrs["date"])
    return None


def full_view(graph: Graph, mentions: Mapping[str, int] | None = None) -> View:
    """Every entity as a node and every fact as an edge (same counts as the model)."""
    articles = _mentions(graph, mentions)
    nodes = [entity_node(graph, eid, articles) for eid in sorted(graph.entities)]
    return View("full", True, nodes, Edges(partial(_full_edges, graph), len(graph.facts)))


def _full_edges(graph: Graph, detail: bool) -> Iterator[ViewEdge]:
    for fid in sorted(graph.facts):
        fact = graph.facts[fid]
        evidence = fact.evidence  # may be read from disk on each access: once per fact
        sources = {ev.article for ev in evidence}
        attrs: dict[str, Any] = {}
        if detail:
            attrs = {key: value for key, value in sorted(fact.q.items()) if key != "date"}
            attrs["date"] = fact_date(graph, fact)
            attrs["source_articles"] = sorted(sources)
            attrs["evidence"] = evidence[0].text if evidence else None
        yield ViewEdge(fid, fact.s, fact.o, fact.p, float(len(sources)), attrs)


def _facts_with(graph: Graph, predicates: Iterable[str]) -> list[GraphFact]:
    wanted = set(predicates)
    return [graph.facts[fid] for fid in sorted(graph.facts) if graph.facts[fid].p in wanted]


def co_attendance_view(graph: Graph, mentions: Mapping[str, int] | None = None) -> View:
    """Person–person, weighted by the number of events both presided over, attended or witnessed."""
    people_at: dict[str, set[str]] = defaultdict(set)
    for fact in _facts_with(graph, ATTENDANCE_PREDICATES):
        if graph.entities[fact.s].type == "Person" and graph.entities[fact.o].type == "Event":
            people_at[fact.o].add(fact.s)
    events_of: dict[str, list[str]] = defaultdict(list)
    for event_id, people in people_at.items():
        for person in people:
            events_of[person].append(event_id)
    articles = _mentions(graph, mentions)
    in_pairs = sorted({person for people in people_at.values() if len(people) > 1 for person in people})
    nodes = [entity_node(graph, pid, articles, events=len(events_of[pid])) for pid in in_pairs]
    return View("co_attendance", False, nodes,
                Edges(partial(_co_attendance_edges, graph, people_at, events_of)))


def _co_attendance_edges(graph: Graph, people_at: Mapping[str, set[str]],
                         events_of: Mapping[str, list[str]], detail: bool) -> Iterator[ViewEdge]:
    """The pairs in (a, b) order, one person a at a time: only a's partners are held."""
    for a in sorted(events_of):
        shared: dict[str, list[str]] = defaultdict(list)
        for event_id in events_of[a]:
            for b in people_at[event_id]:
                if b > a:
                    shared[b].append(event_id)
        names_of: dict[frozenset[str], list[str]] = {}  # a's partners often share one event set
        for b in sorted(shared):
            events = shared[b]
            attrs: dict[str, Any] = {}
            if detail:
                key = frozenset(events)
                if key not in names_of:
                    names_of[key] = sorted(graph.entities[e].name for e in events)
                attrs = {"shared_events": len(events), "events": list(names_of[key])}
            yield ViewEdge(f"{a}--{b}", a, b, "co_attendance", float(len(events)), attrs)


def district_project_view(graph: Graph, mentions: Mapping[str, int] | None = None) -> View:
    """Place–project bipartite: who hosts (or contains) which project, with the investment."""
    pairs: dict[tuple[str, str], list[GraphFact]] = defaultdict(list)
    for fact in _facts_with(graph, ("hosts", "located_in")):
        s_type, o_type = graph.entities[fact.s].type, graph.entities[fact.o].type
        if (s_type, o_type) == ("Place", "Project"):
            pairs[(fact.s, fact.o)].append(fact)
        elif (s_type, o_type) == ("Project", "Place"):
            pairs[(fact.o, fact.s)].append(fact)
    edges = []
    for (place, project), facts in sorted(pairs.items()):
        investment = project_investment(graph, project, facts)
        edges.append(ViewEdge(
            f"{place}--{project}", place, project, ";".join(sorted({f.p for f in facts})),
            float(count_distinct(ev.article for f in facts for ev in f.evidence)),
            {"investment_cny": investment}))
    nodes = _bipartite_nodes(graph, edges, mentions, "investment_cny")
    return View("district_project", True, nodes, Edges.of(edges))


def as_number(value: Any) -> float | None:
    """A finite float, or None for anything else (a qualifier the extractor could not parse)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def project_investment(graph: Graph, project_id: str, facts: Iterable[GraphFact]) -> float | None:
    """The largest investment stated for the project, on the entity or on a fact about it."""
    stated = [f.q.get("investment_cny") for f in facts]
    stated.append(graph.entities[project_id].attrs.get("investment_cny"))
    amounts = [n for n in map(as_number, stated) if n is not None]
    return max(amounts) if amounts else None


def _bipartite_nodes(graph: Graph, edges: list[ViewEdge], mentions: Mapping[str, int] | None,
                     total_key: str | None = None) -> list[ViewNode]:
    """Sources are side 0, targets side 1 (networkx's `bipartite` convention); each node gets
    `linked` (its degree) and, with `total_key`, sources get the sum of that edge attribute."""
    articles = _mentions(graph, mentions)
    linked: dict[str, int] = defaultdict(int)
    totals: dict[str, float] = defaultdict(float)
    for edge in edges:
        linked[edge.source] += 1
        linked[edge.target] += 1
        if total_key:
            totals[edge.source] += edge.attrs.get(total_key) or 0.0
    sources = {edge.source for edge in edges}
    nodes = []
    for node_id in sorted(linked):
        extra: dict[str, Any] = {"bipartite": 0 if node_id in sources else 1, "linked": linked[node_id]}
        if total_key and node_id in sources:
            extra[f"total_{total_key}"] = totals[node_id]
        nodes.append(entity_node(graph, node_id, articles, **extra))
    return nodes


def enterprise_expo_view(graph: Graph, mentions: Mapping[str, int] | None = None) -> View:
    """Exhibitor–expo bipartite (enterprises, and delegations of places), with exhibitor counts."""
    edges = [
        ViewEdge(fact.id, fact.s, fact.o, fact.p, float(count_distinct(ev.article for ev in fact.evidence)),
                 {"count": fact.q.get("count"), "date": fact_date(graph, fact)})
        for fact in _facts_with(graph, ("exhibits_at",))
    ]
    return View("enterprise_expo", True, _bipartite_nodes(graph, edges, mentions), Edges.of(edges))


# each takes the graph and, optionally, its mention_counts (one pass over the articles for many views)
Projection = Callable[[Graph, Mapping[str, int] | None], View]
PROJECTIONS: dict[str, Projection] = {
    "full": full_view,
    "co_attendance": co_attendance_view,
    "district_project": district_project_view,
    "enterprise_expo": enterprise_expo_view,
}


def project(graph: Graph, name: str = "full", mentions: Mapping[str, int] | None = None) -> View:
    if name not in PROJECTIONS:
        raise ValueError(f"unknown projection {name!r}; choose from {', '.join(PROJECTIONS)}")
    return PROJECTIONS[name](graph, mentions)


# ---------------------------------------------------------------------------------------------
# Counting what grows with the archive, in bounded memory
# ---------------------------------------------------------------------------------------------

def predicate_counts(graph: Graph) -> dict[str, tuple[int, int]]:
    """Per predicate: its facts, and the distinct articles supporting them (the summary's and the
    report's columns)."""
    by_predicate: dict[str, list[GraphFact]] = defaultdict(list)
    for fact in graph.facts.values():
        by_predicate[fact.p].append(fact)
    return {p: (len(facts), count_distinct(ev.article for fact in facts for ev in fact.evidence))
            for p, facts in by_predicate.items()}


def page_count(graph: Graph) -> int:
    """Distinct pages (docs) of the articles; a page's articles mostly come one after another."""
    return count_distinct(unique_neighbours(meta.doc for meta in graph.articles.values()))
