"""`graphbuild store DIR`: load (or refresh) the SPARQL store DIR/store from DIR/graph.nq.

Queries do this themselves on first use after a build; this command does it ahead of time (e.g.
before analysts who may not write to DIR start querying it).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from graphbuild import progress
from graphbuild.stores.sparql import QueryError, ensure_store, store_is_current


def register(app: typer.Typer) -> None:
    @app.command("store")
    def store(
        directory: Annotated[Path, typer.Argument(metavar="DIR", help="Build directory (graph.nq).")],
        force: Annotated[bool, typer.Option("--force", help="Reload even when current.")] = False,
    ) -> None:
        """Load DIR/graph.nq into the embedded SPARQL store DIR/store (skipped when current)."""
        started = time.perf_counter()
        current = store_is_current(directory)
        try:
            ensure_store(directory, force=force)
        except QueryError as exc:
            progress.error_line(str(exc))
            raise typer.Exit(2) from exc
        took = time.perf_counter() - started
        state = "already current" if current and not force else f"loaded in {took:.1f} s"
        print(f"{directory / 'store'}: {state}")
