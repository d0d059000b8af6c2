"""`graphbuild validate` (stub: its issue fills it in)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("validate")
    def _stub() -> None:
        """Not implemented yet."""
        raise typer.Exit(2)
