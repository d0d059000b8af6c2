"""Load the graph into a Cypher database and run canned Cypher queries.

The statement text is shared (see `pgmap`); only the transport differs. A `CypherRunner` runs
`(cypher, params)` through either a Neo4j driver (Bolt, managed transactions that retry transient
errors) or a FalkorDB graph (the real openCypher engine the tests use).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

from graphbuild.model import Graph
from graphbuild.progress import progress
from graphbuild.resources import QUERIES_DIR
from graphbuild.stores import pgmap

log = logging.getLogger("graphbuild.neo4j")

QUERY_DIR = QUERIES_DIR / "cypher"
FALKOR_SCHEMES = ("falkor", "falkordb", "redis")
DEFAULT_GRAPH = "graphbuild"  # FalkorDB graph name when no --database is given


class CypherRunner(Protocol):
    def write(self, cypher: str, params: dict[str, Any]) -> None: ...

    def read(self, cypher: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]: ...

    def ensure_schema(self) -> None: ...


class Neo4jRunner:
    """Runs statements through the official driver; `execute_write` retries transient errors."""

    def __init__(self, driver: Any, database: str | None = None) -> None:
        self.driver, self.database = driver, database

    def write(self, cypher: str, params: dict[str, Any]) -> None:
        with self.driver.session(database=self.database) as session:
            session.execute_write(lambda tx: tx.run(cypher, params).consume())

    def read(self, cypher: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(cypher, params)
            return list(result.keys()), [list(record.values()) for record in result]

        with self.driver.session(database=self.database) as session:
            return session.execute_read(work)

    def ensure_schema(self) -> None:
        for statement in pgmap.neo4j_constraint_statements():
            self.write(statement, {})


class FalkorRunner:
    """Runs statements on a FalkorDB graph (`falkordb.Graph`)."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def write(self, cypher: str, params: dict[str, Any]) -> None:
        self.graph.query(cypher, params)

    def read(self, cypher: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        result = self.graph.query(cypher, params or None)
        return [column[1] for column in result.header], [list(row) for row in result.result_set]

    def ensure_schema(self) -> None:
        from redis.exceptions import ResponseError

        for statement in pgmap.falkordb_index_statements():
            try:
                self.write(statement, {})
            except ResponseError as exc:  # FalkorDB has no IF NOT EXISTS
                if "already indexed" not in str(exc):
                    raise


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class LoadStats:
    nodes: int  # rows written (entities + articles)
    relationships: int
    batches: int
    seconds: float


def load(runner: CypherRunner, graph: Graph, batch_size: int = 1000, schema: bool = True) -> LoadStats:
    """MERGE every node and relationship; safe to repeat or resume (MERGE on id, SET properties)."""
    started = time.monotonic()
    if schema:
        runner.ensure_schema()
    written, batches = {"node": 0, "relationship": 0}, 0
    # batches made as they are sent: one batch's rows in memory, not the graph's
    for batch in progress(pgmap.iter_batches(graph, batch_size), desc="neo4j load", unit="batch"):
        runner.write(batch.cypher, batch.params)
        written[batch.kind] += len(batch.rows)
        batches += 1
    return LoadStats(written["node"], written["relationship"], batches, time.monotonic() - started)


def count_graph(runner: CypherRunner) -> tuple[int, int]:
    """(nodes, relationships) currently in the database."""
    _, nodes = runner.read("MATCH (n) RETURN count(n) AS nodes", {})
    _, rels = runner.read("MATCH ()-[r]->() RETURN count(r) AS relationships", {})
    return int(nodes[0][0]), int(rels[0][0])


# ---------------------------------------------------------------------------------------------
# Canned queries
# ---------------------------------------------------------------------------------------------

_CANNED_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def canned_names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.cypher"))


def query_text(name_or_file: str) -> str:
    """A canned query by NAME (queries/cypher/NAME.cypher) or any .cypher file."""
    if _CANNED_NAME.match(name_or_file):
        path = QUERY_DIR / f"{name_or_file}.cypher"
        if not path.exists():
            raise FileNotFoundError(f"no canned Cypher query {name_or_file!r}; "
                                    f"known: {', '.join(canned_names())}")
    else:
        path = Path(name_or_file)
    return path.read_text(encoding="utf-8")


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def check_params(text: str, params: dict[str, Any]) -> None:
    """Every `$name` the query uses must be given, and nothing else (a typo would go unnoticed)."""
    used = set(_PARAM.findall(strip_comments(text)))
    missing, unknown = sorted(used - set(params)), sorted(set(params) - used)
    if missing:
        raise ValueError(f"missing parameter(s): {', '.join(f'--param {m}=…' for m in missing)}")
    if unknown:
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; this query takes: "
                         f"{', '.join(sorted(used)) or 'none'}")


def run_query(runner: CypherRunner, name_or_file: str,
              params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
    return runner.read(strip_comments(query_text(name_or_file)), params or {})


def run_canned(runner: CypherRunner, name: str, params: dict[str, Any] | None = None
               ) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows of canned query NAME (the twin of `stores.sparql.run_canned`)."""
    return run_query(runner, name, params)


def strip_comments(cypher: str) -> str:
    """Drop whole-line `//` comments (some engines reject a query that starts with one)."""
    kept = [line for line in cypher.splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(kept).strip().rstrip(";")


# ---------------------------------------------------------------------------------------------
# Connections
# ---------------------------------------------------------------------------------------------


@contextmanager
def open_runner(uri: str, user: str | None = None, password: str | None = None,
                database: str | None = None, timeout: float = 15.0) -> Iterator[CypherRunner]:
    """A runner for `bolt://`/`neo4j://` (Neo4j) or `falkor://[user:password@]host:port` (FalkorDB).

    FalkorDB takes credentials from its URI only, so NEO4J_* settings never leak to it.
    """
    parsed = urlparse(uri)
    if parsed.scheme in FALKOR_SCHEMES:
        from falkordb import FalkorDB

        db = FalkorDB(host=parsed.hostname or "127.0.0.1", port=parsed.port or 6379,
                      username=parsed.username, password=parsed.password, socket_timeout=timeout)
        try:
            yield FalkorRunner(db.select_graph(database or DEFAULT_GRAPH))
        finally:
            db.connection.close()
        return
    from neo4j import GraphDatabase

    auth = (user or "neo4j", password) if password else None
    with GraphDatabase.driver(uri, auth=auth, connection_timeout=timeout,
                              max_transaction_retry_time=30.0) as driver:
        driver.verify_connectivity()
        yield Neo4jRunner(driver, database)


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """`k=v` pairs from the command line (values stay strings)."""
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--param wants key=value, got {pair!r}")
        params[key.strip()] = value
    return params
