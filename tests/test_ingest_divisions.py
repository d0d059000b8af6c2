"""The Jilin gazetteer: lookups by full and short name, parents, levels, city inference."""

from __future__ import annotations

import pytest

from graphbuild.ingest.homecity import home_city
from graphbuild.lexicon.divisions import find_city, load_gazetteer

PREFECTURES = {"长春市", "吉林市", "四平市", "辽源市", "通化市", "白山市", "松原市", "白城市",
               "延边朝鲜族自治州"}


def test_all_prefectures_and_parents_exist():
    gaz = load_gazetteer()
    assert {d.name for d in gaz if d.kind == "prefecture"} == PREFECTURES
    for division in gaz:
        assert division.parent is None or gaz.lookup(division.parent) is not None, division
    for city in PREFECTURES:
        assert gaz.children(city), city


@pytest.mark.parametrize(("form", "name", "city", "level", "subtype"), [
    ("伊通", "伊通满族自治县", "四平市", "county", "County"),
    ("伊通县", "伊通满族自治县", "四平市", "county", "County"),
    ("红开区", "四平红嘴经济技术开发区", "四平市", "county", "DevelopmentZone"),
    ("汽开区", "长春汽车经济技术开发区", "长春市", "county", "DevelopmentZone"),
    ("龙山区", "龙山区", "辽源市", "county", "District"),
    ("珲春市", "珲春市", "延边朝鲜族自治州", "county", "City"),
    ("吉林伊通经济开发区", "吉林伊通经济开发区", "四平市", "county", "DevelopmentZone"),
    ("辽源", "辽源市", "辽源市", "prefecture", "City"),
])
def test_lookup(form, name, city, level, subtype):
    gaz = load_gazetteer()
    division = gaz.lookup(form)
    assert (division.name, gaz.city_of(form).name, division.level, division.subtype) == (
        name, city, level, subtype)


def test_find_all_prefers_the_longest_name():
    found = [(d.name, s, e) for d, s, e in load_gazetteer().find_all("通化县和通化市、吉林银行")]
    assert found == [("通化县", 0, 3), ("通化市", 4, 7)]


def test_a_venue_does_not_outvote_the_home_districts():
    text = "博览会在长春举行，长春市各界参与。铁东区、铁西区、梨树县和双辽市组织企业参展。"
    assert home_city(text) == "四平市"


def test_works_for_any_city_and_abstains_when_unclear():
    assert find_city("延吉市、图们市和珲春市联合举办活动，和龙市参加。") == "延边朝鲜族自治州"
    assert find_city("会议在长春召开。") is None
    assert home_city("今天天气很好。") is None


def test_rivers_and_mountains_named_after_divisions_are_not_divisions():
    found = [d.name for d, _, _ in load_gazetteer().find_all("伊通河畔，长白山下，伊通县")]
    assert found == ["伊通满族自治县"]


def test_every_prefecture_has_its_daily_and_pages_name_it(seeds_dir):
    from graphbuild.ingest import read_page

    gaz = load_gazetteer()
    assert all(gaz.lookup(city).paper for city in PREFECTURES)
    assert read_page(next(seeds_dir.glob("004_*.txt"))).paper == "辽源日报"
