"""`graphbuild query sparql|cypher`: run a canned query (queries/<lang>/NAME) or a file."""

from __future__ import annotations

import typer

from graphbuild.commands import query_cypher, query_sparql

query_app = typer.Typer(help="Run a canned query by NAME, or a query file, and print a table.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    query_sparql.register(query_app)
    query_cypher.register(query_app)
    app.add_typer(query_app, name="query")
