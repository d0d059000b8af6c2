"""`graphbuild query sparql` (stub: its issue fills it in)."""

from __future__ import annotations

import typer


def register(query_app: typer.Typer) -> None:
    @query_app.command("sparql")
    def _stub() -> None:
        """Not implemented yet."""
        raise typer.Exit(2)
