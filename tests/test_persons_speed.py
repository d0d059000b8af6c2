"""find_persons and find_titled_persons do work linear in the text, even on long name lists.

Counts Python calls (deterministic, unlike timings): a list four times longer should cost about
four times as many calls, not sixteen. The names are generated.
"""

from __future__ import annotations

from itertools import product

import pytest

from graphbuild.nlp.persons import find_persons, tokenize
from graphbuild.nlp.positions import find_titled_persons
from tests.fixtures.work import python_calls

NAMES = ["".join(parts) for parts in product("王李张刘陈杨黄赵", "伟芳敏静丽强磊军", "洋勇艳杰涛明超霞")]


def work(text: str) -> int:
    tokens = tokenize(text)
    return python_calls(lambda: find_titled_persons(text, tokens, find_persons(text, tokens)))


@pytest.mark.parametrize("lead", ["", "市委常委、副市长"])
def test_long_name_lists_cost_linear_work(lead: str) -> None:
    def make(n: int) -> str:
        return lead + "、".join(NAMES[:n]) + "出席会议。"

    work(make(8))  # lexicons load outside the count
    short, long = work(make(40)), work(make(160))
    assert long <= 6 * short, f"{short:,} calls for 40 names, {long:,} for 160"


def test_cached_analyses_do_not_change_results() -> None:
    text = "副市长赵晓红、钱立新出席。记者 周文斌 报道"
    first = find_persons(text)
    assert find_persons(text, tokenize(text)) == first == find_persons(text)
