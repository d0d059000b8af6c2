"""No page shape makes extraction's work grow faster than the page (issue 8).

Honour rolls and delegate lists (张三、李四、王五… for hundreds of names) are common in local papers;
if the work per list is quadratic, one such page stalls a worker for minutes. The tests count the
Python function calls extraction makes (deterministic, unlike timings) for a list and for a list
four times longer: linear work grows about 4 times, quadratic work about 16 times.
"""

from __future__ import annotations

import sys
import tempfile
from itertools import product
from pathlib import Path

import pytest

from tests.test_robust_support import call_stage, stage

SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭", "伟芳敏静丽强磊军洋勇艳杰涛明超霞"
NAMES = ["".join(parts) for parts in product(SURNAMES, GIVEN, GIVEN[::-1])]  # 4,096 distinct names

SHAPES = {
    "list of names": lambda n: "、".join(NAMES[:n]) + "。",
    "titled list": lambda n: "市委常委、副市长" + "、".join(NAMES[:n]) + "出席会议。",
    "prose": lambda n: "".join(f"市委书记{name}主持召开会议，{name}出席。" for name in NAMES[:n // 4]),
}


def python_calls(func, *args) -> int:
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        func(*args)
    finally:
        sys.setprofile(None)
    return calls


def extraction_calls(text: str) -> int:
    read_page, segment = stage("graphbuild.ingest", "read_page"), stage("graphbuild.ingest", "segment")
    extract_page = stage("graphbuild.extract", "extract_page")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.txt"
        path.write_text(text, encoding="utf-8")
        page = call_stage(read_page, path)
    articles = segment(page)
    return python_calls(extract_page, page, articles)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_extraction_work_grows_linearly_with_the_page(shape):
    make = SHAPES[shape]
    extraction_calls(make(8))  # lexicons and dictionaries load outside the count
    short, long = extraction_calls(make(40)), extraction_calls(make(160))
    assert long <= 6 * short, f"{shape}: {short:,} calls for 40 items, {long:,} for 160"
