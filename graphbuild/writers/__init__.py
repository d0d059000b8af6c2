"""Writers: each turns the resolved Graph into files under the build directory.

Every writer module exposes `write(graph: Graph, out_dir: Path) -> list[Path]`; none re-parses text.
`graphbuild build` calls them in this order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graphbuild.model import Graph
from graphbuild.writers import facts_jsonl, gephi, neo4j_files, rdf, report

Writer = Callable[[Graph, Path], list[Path]]

WRITERS: dict[str, Writer] = {
    "facts": facts_jsonl.write,
    "rdf": rdf.write,
    "neo4j": neo4j_files.write,
    "gephi": gephi.write,
    "report": report.write,
}
