"""`graphbuild query sparql NAME|FILE.rq --store DIR`: run a canned or own SPARQL query."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graphbuild.commands.table import FORMATS, print_rows
from graphbuild.stores.sparql import QueryError, canned_names, parse_params, run_named

QUERY_HELP = f"A canned query ({', '.join(canned_names())}) or a .rq file."
STORE_HELP = "Build directory (holding store/) or the store folder itself."
PARAM_HELP = "NAME=VALUE for a parameter the query declares (# @param NAME); repeatable."


def register(query_app: typer.Typer) -> None:
    @query_app.command("sparql")
    def sparql_cmd(
        query: Annotated[str, typer.Argument(help=QUERY_HELP)],
        store: Annotated[Path, typer.Option("--store", help=STORE_HELP)],
        param: Annotated[list[str] | None, typer.Option("--param", help=PARAM_HELP)] = None,
        fmt: Annotated[str, typer.Option("--format", help=f"Output: {' | '.join(FORMATS)}.")] = "table",
    ) -> None:
        """Run a SPARQL SELECT over the build's store (all graphs as the default graph)."""
        if fmt not in FORMATS:
            typer.echo(f"error: --format must be one of {', '.join(FORMATS)}", err=True)
            raise typer.Exit(2)
        try:
            columns, rows = run_named(store, query, parse_params(param or []))
        except QueryError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        print_rows(columns, rows, fmt)
