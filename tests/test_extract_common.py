"""Shared analyses of extract/common.py and extract/__init__.py."""

from __future__ import annotations

from graphbuild.extract import _recall_known_persons
from graphbuild.extract.common import classify
from tests._extract_util import context


def test_short_name_of_a_firm_named_in_full_reads_as_an_organisation():
    ctx = context("青禾新能源集团有限公司落户白河县。青禾新能将扩大投资。")
    assert classify("青禾新能", ctx) == ("Organization", "Enterprise")
    assert classify("扩大投资", ctx) is None


def test_a_person_named_once_is_recalled_where_the_finder_misses_him():
    ctx = context("市委书记周立群来到青禾米业有限公司。随后，周立群来到白石镇新民村。")
    ctx.mentions[1] = []  # as if the finder had missed the name in the second sentence
    _recall_known_persons(ctx)
    assert [(m.text, m.start) for m in ctx.mentions[1]] == [("周立群", 3)]
