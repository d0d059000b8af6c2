"""Views of the resolved graph that drawing tools read: the full graph, or a projection of it.

A `View` is a plain node/edge list with a label per node and per edge, a float weight per edge and
flat attributes; the Gephi writers and the HTML report draw any view the same way. Every view is
sorted by id so that writing it twice gives the same bytes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from graphbuild.model import Graph, GraphFact

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


@dataclass(slots=True)
class View:
    name: str
    directed: bool
    nodes: list[ViewNode]
    edges: list[ViewEdge]


def type_color(type_: str) -> str:
    return TYPE_COLORS.get(type_, OTHER_COLOR)


def supporting_articles(facts: Iterable[GraphFact]) -> list[str]:
    """Distinct article ids behind the facts, sorted."""
    return sorted({ev.article for fact in facts for ev in fact.evidence})


def mention_counts(graph: Graph) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for meta in graph.articles.values():
        for entity_id in set(meta.mentions):
            counts[entity_id] += 1
    return counts


def entity_node(graph: Graph, entity_id: str, articles: dict[str, int], **extra: Any) -> ViewNode:
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


def full_view(graph: Graph) -> View:
    """Every entity as a node and every fact as an edge (same counts as the model)."""
    articles = mention_counts(graph)
    nodes = [entity_node(graph, eid, articles) for eid in sorted(graph.entities)]
    edges = []
    for fid in sorted(graph.facts):
        fact = graph.facts[fid]
        attrs: dict[str, Any] = {key: value for key, value in sorted(fact.q.items()) if key != "date"}
        attrs["date"] = fact_date(graph, fact)
        sources = supporting_articles([fact])
        attrs["source_articles"] = sources
        attrs["evidence"] = fact.evidence[0].text if fact.evidence else None
        edges.append(ViewEdge(fid, fact.s, fact.o, fact.p, float(len(sources)), attrs))
    return View("full", True, nodes, edges)


def _facts_with(graph: Graph, predicates: Iterable[str]) -> list[GraphFact]:
    wanted = set(predicates)
    return [graph.facts[fid] for fid in sorted(graph.facts) if graph.facts[fid].p in wanted]


def co_attendance_view(graph: Graph) -> View:
    """Person–person, weighted by the number of events both presided over, attended or witnessed."""
    people_at: dict[str, set[str]] = defaultdict(set)
    for fact in _facts_with(graph, ATTENDANCE_PREDICATES):
        if graph.entities[fact.s].type == "Person" and graph.entities[fact.o].type == "Event":
            people_at[fact.o].add(fact.s)
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for event_id, people in people_at.items():
        for pair in combinations(sorted(people), 2):
            shared[pair].add(event_id)
    events_of: dict[str, set[str]] = defaultdict(set)
    for event_id, people in people_at.items():
        for person in people:
            events_of[person].add(event_id)
    articles = mention_counts(graph)
    in_pairs = sorted({person for pair in shared for person in pair})
    nodes = [entity_node(graph, pid, articles, events=len(events_of[pid])) for pid in in_pairs]
    names_of: dict[frozenset[str], list[str]] = {}  # everyone at one event shares its event set
    edges = []
    for (a, b), events in sorted(shared.items()):
        key = frozenset(events)
        if key not in names_of:
            names_of[key] = sorted(graph.entities[e].name for e in events)
        edges.append(ViewEdge(f"{a}--{b}", a, b, "co_attendance", float(len(events)),
                              {"shared_events": len(events), "events": list(names_of[key])}))
    return View("co_attendance", False, nodes, edges)


def district_project_view(graph: Graph) -> View:
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
            float(len(supporting_articles(facts))), {"investment_cny": investment}))
    return View("district_project", True, _bipartite_nodes(graph, edges, "investment_cny"), edges)


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


def _bipartite_nodes(graph: Graph, edges: list[ViewEdge], total_key: str | None = None) -> list[ViewNode]:
    """Sources are side 0, targets side 1 (networkx's `bipartite` convention); each node gets
    `linked` (its degree) and, with `total_key`, sources get the sum of that edge attribute."""
    articles = mention_counts(graph)
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


def enterprise_expo_view(graph: Graph) -> View:
    """Exhibitor–expo bipartite (enterprises, and delegations of places), with exhibitor counts."""
    edges = [
        ViewEdge(fact.id, fact.s, fact.o, fact.p, float(len(supporting_articles([fact]))),
                 {"count": fact.q.get("count"), "date": fact_date(graph, fact)})
        for fact in _facts_with(graph, ("exhibits_at",))
    ]
    return View("enterprise_expo", True, _bipartite_nodes(graph, edges), edges)


PROJECTIONS: dict[str, Callable[[Graph], View]] = {
    "full": full_view,
    "co_attendance": co_attendance_view,
    "district_project": district_project_view,
    "enterprise_expo": enterprise_expo_view,
}


def project(graph: Graph, name: str = "full") -> View:
    if name not in PROJECTIONS:
        raise ValueError(f"unknown projection {name!r}; choose from {', '.join(PROJECTIONS)}")
    return PROJECTIONS[name](graph)
