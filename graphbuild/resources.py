"""Files graphbuild ships besides code: the ontology and the canned queries.

They live at the top of the repository (`ontology/`, `queries/`), where an editable install and a
checkout find them, and a wheel carries them inside the package (`graphbuild/ontology`, …; see
pyproject's package-dir), so a plain `pip install` works too.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The shipped folder `name`: inside the installed package, else at the repository's top."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


ONTOLOGY_DIR = shipped("ontology")
QUERIES_DIR = shipped("queries")
