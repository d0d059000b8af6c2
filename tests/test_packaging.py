"""A plain (non-editable) `pip install` must carry every module, lexicon, ontology and query."""

from __future__ import annotations

import tomllib
from pathlib import Path

from graphbuild.resources import ONTOLOGY_DIR, QUERIES_DIR
from tests.conftest import REPO

CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def package_folder(package: str) -> Path:
    return REPO / CONFIG.get("package-dir", {}).get(package, package.replace(".", "/"))


def test_every_python_package_is_listed():
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "graphbuild").rglob("__init__.py")}
    assert on_disk <= set(CONFIG["packages"])


def test_every_data_file_is_matched_by_package_data():
    shipped = {path for package, globs in CONFIG["package-data"].items()
               for pattern in globs for path in package_folder(package).glob(pattern)}
    for folder in ("ontology", "queries", "graphbuild/lexicon/data", "graphbuild/assets"):
        files = {p for p in (REPO / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
        assert files and files <= shipped, sorted(map(str, files - shipped))


def test_the_ontology_and_the_queries_are_found():
    assert {"graphbuild.ttl", "shapes.ttl"} <= {p.name for p in ONTOLOGY_DIR.iterdir()}
    sparql, cypher = (QUERIES_DIR / "sparql").glob("*.rq"), (QUERIES_DIR / "cypher").glob("*.cypher")
    assert len(list(sparql)) == len(list(cypher)) == 12
