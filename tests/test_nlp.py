"""Sentences, clauses, numbers and mentions."""

from __future__ import annotations

import pytest

from graphbuild.model import PartialDate
from graphbuild.nlp import find_mentions, parse_count, parse_money, split_sentences, tokenize
from graphbuild.nlp.sentences import clauses
from tests._extract_util import article


@pytest.mark.parametrize(("text", "yuan"), [
    ("投资18亿元", 1.8e9), ("投资 50.54 亿元的", 5.054e9), ("300万元", 3e6), ("两万多元", 2e4),
    ("5000余万元", 5e7), ("8.8万元", 8.8e4), ("一百二十元", 120.0), ("没有金额", None),
])
def test_parse_money(text, yuan):
    assert parse_money(text) == yuan


@pytest.mark.parametrize(("text", "count"), [
    ("精选 17 家企业", 17), ("组织16家企业参展", 16), ("两场", 2), ("没有数量", None),
])
def test_parse_count(text, count):
    assert parse_count(text) == count


def test_sentences_titles_first_and_offsets_map_back():
    art = article("近日，青山区召开会议。会议强调，要抓落实！\n第二段", "青山区召开会议")
    sentences = split_sentences(art)
    assert [s.text.text for s in sentences] == [
        "青山区召开会议", "近日，青山区召开会议。", "会议强调，要抓落实！", "第二段"]
    assert sentences[0].in_title and not sentences[1].in_title
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert sentences[2].text.raw_span(0, 2) == (11, 13)


def test_clauses_keep_quotes_whole():
    text = "双方开展了“九九重阳节，浓浓敬老情”活动，效果很好"
    assert [text[s:e] for s, e in clauses(text)] == ["双方开展了“九九重阳节，浓浓敬老情”活动", "效果很好"]


def test_tokenize_keeps_name_endings_whole():
    words = [w for w, _, _ in tokenize("光明街道新时代文明实践站开展活动")]
    assert "实践站" in words
    assert "".join(words) == "光明街道新时代文明实践站开展活动"


def test_find_mentions_types():
    art = article("8月3日，平川县河口镇投资3亿元的光伏发电项目开工，5家企业参与。")
    sentence = split_sentences(art)[0]
    found = {(m.type, m.text) for m in find_mentions(sentence, art)}
    assert ("Money", "3亿元") in found
    assert ("Count", "5家") in found
    assert ("Date", "8月3日") in found
    assert ("Project", "光伏发电项目") in found
    dates = [m.value for m in find_mentions(sentence, art, ["Date"])]
    assert dates == [PartialDate(None, 8, 3)]


def test_find_mentions_only_requested_types():
    art = article("青山区召开会议。")
    assert find_mentions(split_sentences(art)[0], art, ["Money"]) == []


def test_tokenize_leaves_the_global_rjieba_dictionary_alone():
    import rjieba

    text = "市民政局召开座谈会"
    before = rjieba.tag(text)
    tokenize(text)
    assert rjieba.tag(text) == before  # persons.py's rjieba.tag sees the same words in any call order
