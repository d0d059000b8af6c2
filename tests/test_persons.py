"""find_persons: names analysts search for, with offsets, and the words that must not pass.

Every sentence here is written for the test; the names are invented.
"""

from __future__ import annotations

import importlib.util
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.nlp.persons import find_persons
from graphbuild.nlp.positions import find_titled_persons

REPO = Path(__file__).resolve().parent.parent


def names(text: str) -> list[str]:
    return [name for name, _, _ in find_persons(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("市长李文涛主持召开全市重点项目推进会议。", ["李文涛"]),
    ("副市长赵晓红、钱立新、孙海波参加会议。", ["赵晓红", "钱立新", "孙海波"]),
    ("马德胜、刘强，市直相关部门负责人参加座谈。", ["马德胜", "刘强"]),
    ("会上，王建新同志强调，要压实责任；高志远说，要抓好落实。", ["王建新", "高志远"]),
    ("欧阳明辉表示，司马云峰指出，项目要早开工。", ["欧阳明辉", "司马云峰"]),
    ("副市长江海涛出席签约仪式。", ["江海涛"]),  # jieba cuts 副市|长江|海涛
    ("交通局局长韩立波向记者介绍了工程进展。", ["韩立波"]),
    ("记者张王丽娜报道", ["张王丽娜"]),
    ("本报讯（记者 周文斌）日前，全市召开会议。", ["周文斌"]),
    ("张海、李明等同志参加活动。", ["张海", "李明"]),
    ("刘海燕委员建议，加强监督。", ["刘海燕"]),  # jieba cuts 刘|海燕
    ("72岁的老党员张德福说，日子越过越好。", ["张德福"]),
    ("王立国（右）与赵文华签订合作协议。", ["王立国", "赵文华"]),  # names in jieba's dictionary
])
def test_chinese_names_in_their_usual_contexts(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("总统阿卡诺夫表示欢迎。", ["阿卡诺夫"]),
    ("外长哈桑·阿卜杜拉·萨利赫会见了代表团。", ["哈桑·阿卜杜拉·萨利赫"]),
    ("他会见了来访的罗马尼亚总理乔尔杰斯库。", ["乔尔杰斯库"]),
])
def test_transliterated_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "加强精神文明建设，弘扬传统美德，荣誉属于大家。",
    "志愿者在街头印发宣传单，精准施策，因地施策。",
    "加勒比海沿岸的伊拉克和莫斯科客商，政策措施表示支持。",
    "市委常委会召开会议，全市各级党委书记要带头。",
    "重点跟踪鸿达、艾思克、顺通等龙头企业。",
    "城市南翼开发区，全欧华人联合会，祝中俄两国合作。",
    "3万兰特的罚金，5万人参加。",
    "委员会主任委员会议，顾问团。",
    "张家口市、陆家嘴、王家屯一带。",  # surname-led place names
    "吴总理和陈大使的故事。",  # surname + title is no full name
    "楼内单元楼等场所，职工幸福感和获得感。",  # a role before a common word
    "梅河口市、柳河县、辉南县、白山、和龙、安图等地参加。",
])
def test_common_words_places_and_firms_are_not_people(text: str) -> None:
    assert names(text) == []


def test_a_dotted_name_is_found_again_by_its_last_part() -> None:
    text = "检察总长罗伯特·凯恩宣布，案件将开庭。委员会建议凯恩撤诉。"
    assert [(n, s) for n, s, _ in find_persons(text)] == [("罗伯特·凯恩", 4), ("凯恩", 24)]


def test_a_title_character_is_not_a_surname() -> None:
    assert names("人民军最高司令官金明哲最近视察部队。") == ["金明哲"]  # not 官金明哲


def test_offsets_point_at_the_name() -> None:
    text = "会议由副市长孙立平主持，区长吴海燕、钱志国参加。"
    for name, start, end in find_persons(text):
        assert text[start:end] == name
    assert names(text) == ["孙立平", "吴海燕", "钱志国"]


def test_output_is_ordered_and_deterministic() -> None:
    text = "镇长周海峰、副镇长陆小川陪同，村党支部书记冯德宝介绍情况。"
    first = find_persons(text)
    assert first == find_persons(text)
    assert [s for _, s, _ in first] == sorted(s for _, s, _ in first)
    assert names(text) == ["周海峰", "陆小川", "冯德宝"]


_PIECES = list("王李张欧阳于向市长副书记委员会局区主任说表示同志、，。·—（） \n0123卡诺夫阿")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_spans_are_sound_on_any_text(text: str) -> None:
    spans = find_persons(text)
    for name, start, end in spans:
        assert name and text[start:end] == name
    assert all(a[2] <= b[1] for a, b in pairwise(spans))  # ordered, no overlaps
    for person in find_titled_persons(text):
        assert text[person.start:person.end] == person.name
        assert [text[s:e] for s, e in person.title_spans] == person.titles


def test_empty_and_nameless_text() -> None:
    assert find_persons("") == []
    assert find_persons("。，、") == []


def _eval_persons():
    spec = importlib.util.spec_from_file_location("eval_persons", REPO / "scripts" / "eval_persons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_person_f1_on_people_daily_1998(shared_dir: Path, tmp_path: Path) -> None:
    pd1998 = shared_dir / "eval" / "pd1998"
    result = _eval_persons().evaluate(pd1998 / "pages", pd1998 / "persons.gold.jsonl",
                                      tmp_path / "persons.jsonl", shared_dir)
    assert result["person_entities"]["f1"] >= 0.90
