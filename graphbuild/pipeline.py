"""Wires the stages: files -> pages -> articles -> extraction -> resolution -> writers.

(Stub: the resolution/build issue fills it in. The signature is the contract other parts use.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graphbuild.model import Graph, InputError


@dataclass
class BuildResult:
    graph: Graph
    out_dir: Path
    failures: list[InputError] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)


def build(paths: list[Path], out_dir: Path, *, city: str | None = None, date: str | None = None,
          workers: int | None = None, append: bool = False,
          writers: list[str] | None = None) -> BuildResult:
    """Build DIR from pages; `writers` limits which writers run (default: all of WRITERS)."""
    raise NotImplementedError
