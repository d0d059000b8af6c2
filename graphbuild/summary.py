"""The final summary table printed by `graphbuild build` (counts per type and predicate)."""

from __future__ import annotations

from graphbuild.model import Graph


def print_summary(graph: Graph, stats: dict[str, int] | None = None) -> None:
    """Stub: the Gephi/report/progress issue fills it in."""
    print(f"{len(graph.entities)} entities, {len(graph.facts)} facts, {len(graph.articles)} articles")
