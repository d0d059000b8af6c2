"""Titles with organisation and place prefixes: companies, banks, autonomous prefectures and
county-level cities.

Every sentence here is written for the test; the names are invented.
"""

from __future__ import annotations

import pytest

from graphbuild.nlp.positions import find_titled_persons


def titled(text: str) -> list[tuple[str, list[str]]]:
    return [(p.name, p.titles) for p in find_titled_persons(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("吉林长青集团董事长刘海明、总经理陈立新出席签约仪式。",
     [("刘海明", ["吉林长青集团董事长"]), ("陈立新", ["总经理"])]),
    ("中化集团副总经理李海波签署协议。", [("李海波", ["中化集团副总经理"])]),
    ("公司总裁王立新表示，", [("王立新", ["公司总裁"])]),
    ("吉林银行四平分行行长孙建国说", [("孙建国", ["吉林银行四平分行行长"])]),  # 分行 tagged v
    ("华信科技股份有限公司董事长兼总经理刘建国说。",
     [("刘建国", ["华信科技股份有限公司董事长", "总经理"])]),
    ("胜利社区党委书记王丽娟告诉记者。", [("王丽娟", ["胜利社区党委书记"])]),
    # jieba guesses 新能 a verb: an unknown word inside a firm's name stays in the prefix
    ("北京天润新能投资集团有限公司总裁丁建华表示，",
     [("丁建华", ["北京天润新能投资集团有限公司总裁"])]),
    ("他参加中化集团副总经理李海波的会见。", [("李海波", ["中化集团副总经理"])]),  # 参加 stops it
])
def test_company_and_bank_titles(text: str, expected: list) -> None:
    assert titled(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("延边州委副书记、州长金英哲讲话，副州长朴海燕主持。",
     [("金英哲", ["延边州委副书记", "州长"]), ("朴海燕", ["副州长"])]),
    ("延边朝鲜族自治州州长金英哲说", [("金英哲", ["延边朝鲜族自治州州长"])]),
    ("梅河口市长赵志刚陪同。", [("赵志刚", ["梅河口市长"])]),  # 梅河口市 + 市长 share 市
    ("扶余市市长刘玉梅讲话。", [("刘玉梅", ["扶余市市长"])]),  # jieba tags 扶余 a verb
    ("前郭县县长包福全说。", [("包福全", ["前郭县县长"])]),  # 前 of 前郭县 is no former post
    ("和龙市副市长金海松说。", [("金海松", ["和龙市副市长"])]),
])
def test_prefecture_and_county_level_titles(text: str, expected: list) -> None:
    assert titled(text) == expected


@pytest.mark.parametrize("text", [
    "原扶余市市长刘玉梅说。",  # a former post
    "前市长刘玉梅说。",
])
def test_former_posts_stay_out(text: str) -> None:
    assert titled(text) == []


def test_a_word_before_a_shared_place_character_is_no_place() -> None:
    assert titled("会议市长王立新说") == [("王立新", ["市长"])]
