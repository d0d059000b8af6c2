"""The benchmark's synthetic corpus (scripts/bench.py): varied, reproducible, fresh names."""

from __future__ import annotations

import importlib.util
import random
import sys

import pytest

from tests.conftest import REPO
from tests.test_robust_support import SEED_FILES


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench", None)


@pytest.fixture(scope="module")
def sources(bench) -> list[str]:
    return bench.load_sources(SEED_FILES)


def test_same_seed_gives_the_same_corpus_and_pages_differ(bench, sources):
    pages = list(bench.synthesize(sources, 12, seed=3, name_pool=200))
    assert pages == list(bench.synthesize(sources, 12, seed=3, name_pool=200))
    assert len(set(pages)) == len(pages)
    assert not set(pages) & set(sources)


def test_seed_names_are_replaced_by_generated_ones(bench, sources):
    names = bench.find_names(sources)
    assert {"王相民", "汪琳", "李照星"} <= set(names)
    pool = set(bench.make_name_pool(random.Random(3), 200))
    text = "".join(bench.synthesize(sources, 12, seed=3, name_pool=200))
    assert not [n for n in names if n in text and n not in pool]
    assert sum(name in text for name in pool) > 50  # many distinct people, so entities grow


def test_corpus_size_is_what_was_asked(bench, sources, tmp_path):
    corpus = bench.write_corpus(tmp_path, sources, 7, seed=1, name_pool=50)
    files = sorted(tmp_path.glob("*.txt"))
    assert corpus.pages == len(files) == 7
    assert corpus.chars == sum(len(p.read_text(encoding="utf-8")) for p in files)
