"""No page shape makes segmentation's or extraction's work grow faster than the page (issue 8).

Honour rolls and delegate lists (张三、李四、王五… for hundreds of names) are common in local papers;
if the work per list is quadratic, one such page stalls a worker for minutes. The tests count the
Python function calls segmentation and extraction make (deterministic, unlike timings) for a list
and for a list four times longer: linear work grows about 4 times, quadratic work about 16 times.
"""

from __future__ import annotations

import tempfile
from itertools import product
from pathlib import Path

import pytest

from tests.fixtures.work import python_calls
from tests.test_robust_support import call_stage, stage

SURNAMES, GIVEN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭", "伟芳敏静丽强磊军洋勇艳杰涛明超霞"
NAMES = ["".join(parts) for parts in product(SURNAMES, GIVEN, GIVEN[::-1])]  # 4,096 distinct names

SHAPES = {
    "list of names": lambda n: "、".join(NAMES[:n]) + "。",
    "titled list": lambda n: "市委常委、副市长" + "、".join(NAMES[:n]) + "出席会议。",
    "prose": lambda n: "".join(f"市委书记{name}主持召开会议，{name}出席。" for name in NAMES[:n // 4]),
    "many articles": lambda n: "".join(f"第{i}条新闻\n\n本报讯（记者 {NAMES[i]}）近日，铁东区召开工作会议，"
                                       f"区长{NAMES[-i]}出席。\n\n" for i in range(n // 4)),
}


def segmentation_and_extraction_calls(text: str) -> int:
    read_page, segment = stage("graphbuild.ingest", "read_page"), stage("graphbuild.ingest", "segment")
    extract_page = stage("graphbuild.extract", "extract_page")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.txt"
        path.write_text(text, encoding="utf-8")
        page = call_stage(read_page, path)
    return python_calls(lambda: extract_page(page, segment(page)))


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_segmentation_and_extraction_work_grow_linearly_with_the_page(shape):
    make = SHAPES[shape]
    count = segmentation_and_extraction_calls
    count(make(8))  # lexicons and dictionaries load outside the count
    short, long = count(make(40)), count(make(160))
    assert long <= 6 * short, f"{shape}: {short:,} calls for 40 items, {long:,} for 160"
