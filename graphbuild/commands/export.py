"""`graphbuild export graphml|gexf DIR [--projection NAME] [--out FILE]`: files for Gephi and igraph."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from graphbuild import progress
from graphbuild.graphio import load_graph
from graphbuild.projections import PROJECTIONS, project
from graphbuild.writers import gephi


class Format(StrEnum):
    graphml = "graphml"
    gexf = "gexf"


WRITE = {Format.graphml: gephi.write_graphml, Format.gexf: gephi.write_gexf}


def default_out(directory: Path, fmt: Format, projection: str) -> Path:
    """DIR/graph.gexf for the full graph (what `build` writes), DIR/graph.NAME.gexf for a projection."""
    stem = "graph" if projection == "full" else f"graph.{projection}"
    return directory / f"{stem}.{fmt.value}"


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        fmt: Annotated[Format, typer.Argument(metavar="graphml|gexf", help="Output format.")],
        directory: Annotated[Path, typer.Argument(metavar="DIR", help="Build directory (graph.json).")],
        projection: Annotated[str, typer.Option(
            "--projection", "-p", help=f"What to draw: {', '.join(PROJECTIONS)}.")] = "full",
        out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (default in DIR).")] = None,
    ) -> None:
        """Write the graph, or a projection of it, as GraphML or GEXF 1.3 for Gephi."""
        graph_file = directory / "graph.json" if directory.suffix != ".json" else directory
        if not graph_file.is_file():
            progress.error_line(f"{graph_file}: no graph.json here; run `graphbuild build` first")
            raise typer.Exit(1)
        if projection not in PROJECTIONS:
            progress.error_line(f"unknown projection {projection!r}; choose from {', '.join(PROJECTIONS)}")
            raise typer.Exit(2)
        view = project(load_graph(graph_file), projection)
        path = WRITE[fmt](view, out or default_out(graph_file.parent, fmt, projection))
        print(f"{path}  ({len(view.nodes)} nodes, {len(view.edges)} edges)")
