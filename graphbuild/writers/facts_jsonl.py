"""Writer stub: its issue fills it in."""

from __future__ import annotations

from pathlib import Path

from graphbuild.model import Graph


def write(graph: Graph, out_dir: Path) -> list[Path]:
    return []
