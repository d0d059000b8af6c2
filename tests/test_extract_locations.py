"""located_in."""

from __future__ import annotations

from graphbuild.extract import locations
from tests._extract_util import triples


def test_nested_known_division():
    got = triples(locations, "近日，宽城区平安街道和谐社区开展活动。")
    assert got == {("平安街道", "located_in", "宽城区"), ("和谐社区", "located_in", "平安街道")}


def test_nested_unknown_division_at_a_boundary():
    got = triples(locations, "近日，青山区光明街道阳光社区开展志愿服务活动。")
    assert got == {("光明街道", "located_in", "青山区"), ("阳光社区", "located_in", "光明街道")}


def test_level_skips_and_org_names_give_nothing():
    assert triples(locations, "近日，青山区阳光社区开展活动。") == set()
    assert triples(locations, "宽城兴农村镇银行开展活动。") == set()
    assert triples(locations, "河口镇围绕村庄内外开展整治。") == set()


def test_stated():
    assert triples(locations, "河口镇位于平川县东部。") == {("河口镇", "located_in", "平川县")}


def test_unknown_county_after_closed_class_words():
    got = triples(locations, "市委书记王冬一行先后到青山区光明街道阳光社区调研。")
    assert got == {("光明街道", "located_in", "青山区"), ("阳光社区", "located_in", "光明街道")}


def test_county_written_after_its_prefecture():
    got = triples(locations, "长春市农安县全力抓好秋收。")
    assert ("农安县", "located_in", "长春市") in got


def test_town_listed_after_an_anchored_item_lies_in_its_county():
    body = "调研组先后来到白河县青禾产业园、石门乡红星村水源地，又到柳溪镇大豆示范田。"
    got = triples(locations, body)
    assert ("红星村", "located_in", "石门乡") in got
    assert ("石门乡", "located_in", "白河县") in got
    assert not any(s == "柳溪镇" for s, _, _ in got)  # another clause: no county given


def test_unanchored_town_village_pair_nests():
    got = triples(locations, "志愿者走进石门乡红星村，开展义诊。")
    assert got == {("红星村", "located_in", "石门乡")}


def test_phrases_around_town_and_village_words_do_not_nest():
    body = "白石乡镇以发展村办企业为主。这个镇首先进入小康村的行列。"
    assert triples(locations, body) == set()


def test_towns_opening_a_clause_in_an_article_about_a_county():
    body = ("今年以来，白河县大力发展乡村旅游。白河县新建民宿42家。"
            "石门镇、柳溪乡等乡镇依托山水资源发展农家乐，带动群众增收。")
    got = triples(locations, body)
    assert {("石门镇", "located_in", "白河县"), ("柳溪乡", "located_in", "白河县")} <= got


def test_towns_of_the_topic_need_a_list_and_no_county_inside():
    body = ("白河县大力发展乡村旅游。白河县新建民宿42家。"
            "石门乡镇以种植业为主。青松县下石镇、石门镇发展养殖。")
    got = {t for t in triples(locations, body) if t[2] == "白河县"}
    assert got == set()


def test_a_development_zone_holds_no_town():
    body = "调研组先后来到青禾海关、长春莲花山生态旅游度假区和石门镇红星村。"
    got = triples(locations, body)
    assert got == {("红星村", "located_in", "石门镇")}
