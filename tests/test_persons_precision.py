"""find_persons: words that look like names but are not, and names that look cut.

Every sentence here is written for the test; the names are invented.
"""

from __future__ import annotations

import pytest

from graphbuild.nlp.persons import find_persons


def names(text: str) -> list[str]:
    return [name for name, _, _ in find_persons(text)]


@pytest.mark.parametrize("text", [
    "社区开展“邻里守望·温暖同行”志愿服务活动。",  # a dotted slogan of ordinary words
    "第十届国际农业·食品博览会将于下月开幕。",  # a dotted event name
    "节会以“百年林乡·康养山城”为主题。",  # dotted words jieba does not know
    "店员们热情地向顾客介绍新品。",  # jieba tags 顾客 a name
    "活动在和平县万良镇举行。\n万良镇是人参集散地。",  # a settlement, not 万良 + 镇
    "各县组织企业参展，查干湖冬捕鱼产品将集中亮相。",  # a two-character name needs both edges
])
def test_words_shaped_like_names_are_not_people(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("副市长包恩和参加调研。", ["包恩和"]),  # 和 ends the name: nothing follows to be joined
    ("秘书长苏日和、副市长王立新出席。", ["苏日和", "王立新"]),
    ("副市长包恩和王立新参加调研。", ["包恩", "王立新"]),  # here 和 joins two names
    ("市政协主席罗志刚列席会议。", ["罗志刚"]),  # 列席, like 出席, follows a name
    ("公司总经理助理丁静告诉记者，订单增加了。", ["丁静"]),  # 助理 is a role
    ("编辑组代表黄青同志介绍了经过。", ["黄青"]),  # 同志 marks a person whatever precedes
    ("维吾尔族干部买买提·艾山发言。", ["买买提·艾山"]),
    ("市发改委主任刘长青，市农业农村局局长参加。", ["刘长青"]),  # jieba: 刘 | 长青 (nr)
    ("村民赵桂兰，今年68岁。", ["赵桂兰"]),  # 村民 is a role
])
def test_names_with_weak_or_unusual_edges(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "金达莱文化旅游节在边城举办。",  # a flower naming a festival
    "长春宏达集团、金海药业参展。",  # name-shaped firm names
    "会后，汪清说要加快进度。",  # a county's short name, shaped like 汪 + 清
    "柳河、辉南、梅河口表示将加大投入。",
    "他先后来到姜家店乡、安口镇，察看玉米长势。",  # a name shape before 乡 is a settlement
    "全面提升村民幸福感和获得感。",  # a role before a dictionary word
    "全市乡村民宿已达86家。",  # 村民 inside 乡村|民宿 is no role
])
def test_brands_firms_and_festivals_are_not_people(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("县委书记宝音图主持会议。", ["宝音图"]),  # Mongolian names: no Chinese surname
    ("县长额尔敦巴特尔、副县长孟和参加活动。", ["额尔敦巴特尔", "孟和"]),
    ("记者 其木格 报道", ["其木格"]),  # a byline's space after the role
    ("副市长其其格出席。", ["其其格"]),
    ("州委常委、市委书记玄光日出席。", ["玄光日"]),  # a Korean surname
    ("市领导白音仓、苏和、包恩和参加活动。", ["白音仓", "苏和", "包恩和"]),  # 和 in a list
])
def test_mongolian_and_korean_names_after_titles(text: str, expected: list[str]) -> None:
    assert names(text) == expected
