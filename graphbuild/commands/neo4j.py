"""`graphbuild neo4j load DIR`: MERGE the built graph into Neo4j over Bolt (or into FalkorDB).

Connection options also come from NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE.
The password is never printed or logged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlparse

import typer

from graphbuild.graphio import load_graph
from graphbuild.progress import error_line

neo4j_app = typer.Typer(help="Load the graph into Neo4j (Bolt) or FalkorDB.", no_args_is_help=True)

URI = typer.Option("bolt://localhost:7687", "--uri", envvar="NEO4J_URI",
                   help="bolt://, neo4j:// (Neo4j) or falkor://host:port (FalkorDB).")
USER = typer.Option("neo4j", "--user", envvar="NEO4J_USERNAME", help="User name.")
PASSWORD = typer.Option(None, "--password", envvar="NEO4J_PASSWORD", show_default=False,
                        help="Password (prefer the NEO4J_PASSWORD variable; never printed).")
DATABASE = typer.Option(None, "--database", envvar="NEO4J_DATABASE",
                        help="Database (Neo4j) or graph name (FalkorDB); server default if omitted.")

T = TypeVar("T")


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")


@neo4j_app.command("load")
def load_command(
    build_dir: Annotated[Path, typer.Argument(help="Build folder holding graph.json (or the file).")],
    uri: str = URI, user: str = USER, password: str | None = PASSWORD, database: str | None = DATABASE,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per UNWIND statement.")] = 1000,
) -> None:
    """MERGE every node and relationship (idempotent: safe to repeat or resume)."""
    from graphbuild.stores import neo4j as store

    try:
        graph = load_graph(build_dir)
    except (OSError, ValueError) as exc:
        error_line(f"cannot read the graph in {build_dir}: {exc}")
        raise typer.Exit(1) from None

    def work(runner: Any) -> tuple[Any, tuple[int, int]]:
        return store.load(runner, graph, batch_size), store.count_graph(runner)

    stats, (nodes, rels) = with_database(uri, user, password, database, work)
    print(f"loaded {stats.nodes} nodes and {stats.relationships} relationships in "
          f"{stats.batches} batches, {stats.seconds:.1f}s, into {safe_uri(uri)}"
          f"{f' ({database})' if database else ''}; it now holds {nodes} nodes, {rels} relationships")


def with_database(uri: str, user: str | None, password: str | None, database: str | None,
                  work: Callable[[Any], T]) -> T:
    """Open a runner, run `work`, and turn connection/auth/query failures into one clear line."""
    from graphbuild.stores.neo4j import open_runner

    try:
        with open_runner(uri, user, password, database) as runner:
            return work(runner)
    except Exception as exc:  # driver errors have many classes; none carries the password
        if not _is_database_error(exc):
            raise
        error_line(f"{safe_uri(uri)}: {type(exc).__name__}: {_first_line(exc)}")
        raise typer.Exit(1) from None


def _is_database_error(exc: Exception) -> bool:
    from neo4j.exceptions import DriverError, Neo4jError
    from redis.exceptions import RedisError

    return isinstance(exc, DriverError | Neo4jError | RedisError | OSError | ValueError)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else "failed"


def safe_uri(uri: str) -> str:
    """The URI without any user:password@ part, for messages."""
    parsed = urlparse(uri)
    if parsed.password is None and parsed.username is None:
        return uri
    return parsed._replace(netloc=parsed.hostname + (f":{parsed.port}" if parsed.port else "")).geturl()
