"""The final summary printed by `graphbuild build`: counts per type and predicate, and the run's stats.

Printed on stdout (it is the command's result); with --quiet it shrinks to one line.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

from rich.columns import Columns
from rich.console import Console
from rich.table import Table

from graphbuild.model import Graph
from graphbuild.progress import settings
from graphbuild.projections import predicate_counts

# Stats shown first and how they are called; any other stat follows under its own name.
STAT_LABELS = {"pages": "pages", "articles": "articles", "failed": "failed inputs",
               "failures": "failed inputs", "facts": "facts", "seconds": "seconds"}


def print_summary(graph: Graph, stats: dict[str, Any] | None = None) -> None:
    stats = stats or {}
    if settings.quiet:
        print(one_line(graph, stats))
        return
    console = Console(file=sys.stdout, highlight=False)
    console.print(Columns([type_table(graph), predicate_table(graph), stats_table(graph, stats)]))


def one_line(graph: Graph, stats: dict[str, Any]) -> str:
    parts = [f"{len(graph.entities)} entities", f"{len(graph.facts)} facts",
             f"{len(graph.articles)} articles"]
    failed = stats.get("failed", stats.get("failures"))
    if failed:
        parts.append(f"{failed} failed inputs")
    if "seconds" in stats:
        parts.append(f"{float(stats['seconds']):.1f} s")
    return ", ".join(parts)


def type_table(graph: Graph) -> Table:
    table = _table("Entities", "entity type", "count")
    for type_, n in _ranked(Counter(e.type for e in graph.entities.values())):
        table.add_row(type_, str(n))
    table.add_section()
    table.add_row("total", str(len(graph.entities)))
    return table


def predicate_table(graph: Graph) -> Table:
    counts = predicate_counts(graph)
    table = _table("Facts", "predicate", "facts", "articles")
    for predicate, n in _ranked(Counter({p: facts for p, (facts, _) in counts.items()})):
        table.add_row(predicate, str(n), str(counts[predicate][1]))
    table.add_section()
    table.add_row("total", str(len(graph.facts)), "")
    return table


def stats_table(graph: Graph, stats: dict[str, Any]) -> Table:
    table = _table("Run", "", "")
    table.show_header = False
    rows = {"articles": len(graph.articles), **stats}
    known = [key for key in STAT_LABELS if key in rows]
    for key in [*known, *sorted(set(rows) - set(known))]:
        table.add_row(STAT_LABELS.get(key, key.replace("_", " ")), _number(rows[key]))
    return table


def _table(title: str, first: str, *numbers: str) -> Table:
    """A table whose first column is a name and the others right-aligned numbers."""
    table = Table(title=title, title_justify="left")
    table.add_column(first)
    for header in numbers:
        table.add_column(header, justify="right")
    return table


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)
