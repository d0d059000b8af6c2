"""`graphbuild query cypher NAME|FILE.cypher [--param k=v]`: run a canned or own Cypher query."""

from __future__ import annotations

from typing import Annotated

import typer

from graphbuild.commands.neo4j import DATABASE, PASSWORD, URI, USER, with_database
from graphbuild.commands.table import FORMATS, print_rows
from graphbuild.progress import error_line


def register(query_app: typer.Typer) -> None:
    @query_app.command("cypher")
    def cypher(
        query: Annotated[str, typer.Argument(help="Canned query NAME, or a .cypher file.")],
        param: Annotated[list[str] | None, typer.Option(
            "--param", "-p", help="Query parameter key=value (repeatable).")] = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")] = "table",
        uri: str = URI, user: str = USER, password: str | None = PASSWORD, database: str | None = DATABASE,
    ) -> None:
        """Run a Cypher query against the configured Neo4j (or FalkorDB) database."""
        from graphbuild.stores import neo4j as store

        if fmt not in FORMATS:
            error_line(f"--format must be one of {', '.join(FORMATS)}")
            raise typer.Exit(2)
        try:
            params = store.parse_params(param or [])
            store.check_params(store.query_text(query), params)
        except (ValueError, OSError) as exc:
            error_line(str(exc))
            raise typer.Exit(2) from None
        columns, rows = with_database(uri, user, password, database,
                                      lambda runner: store.run_query(runner, query, params))
        print_rows(columns, rows, fmt)
