"""Shared fixtures. Area-specific fixtures live in the test modules that use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so a CI failure can be reproduced.
settings.register_profile("graphbuild", derandomize=True, deadline=None)
settings.load_profile("graphbuild")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "examples" / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The seeds built once per test session with every writer: a BuildResult."""
    from graphbuild.pipeline import build

    out = tmp_path_factory.mktemp("seeds_build")
    return build(sorted(SEEDS.glob("*.txt")), out, workers=1)


@pytest.fixture()
def mini_graph():
    from tests.fixtures.mini_graph import mini_graph as make

    return make()
