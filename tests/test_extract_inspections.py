"""inspects."""

from __future__ import annotations

import pytest

from graphbuild.extract import inspections
from tests._extract_util import exact_test, objects, triples


def _visits(person: str, *sites: str) -> set[tuple[str, str, str]]:
    return {(person, "inspects", site) for site in sites}


# (body, every (s, p, o) the module must find and no other), one case a reading rule.
EXACT = [
    pytest.param("会前，周明远先后来到青云科技孵化基地（平川市青年创业协会）、平川数字产业园、人才公寓、"
                 "平川光明化工有限公司、市第一人民医院，实地调研人才引进情况。",
                 _visits("周明远", "青云科技孵化基地", "平川数字产业园", "人才公寓", "平川光明化工有限公司",
                         "市第一人民医院"), id="list_of_sites_after_visit_verb"),
    pytest.param("在市养老服务中心改造项目现场，赵立春实地踏查项目建设情况。"
                 "在市第二医院，赵立春详细了解医疗服务情况。",
                 _visits("赵立春", "市养老服务中心改造项目", "市第二医院"),
                 id="site_clause_before_the_person"),
    pytest.param("市长赵立春实地调研养老服务工作开展情况。", set(), id="topics_are_not_sites"),
    pytest.param("赵立春来到一尊雕像前说，这是礼物。", set(), id="a_place_in_front_of_is_no_site"),
    pytest.param("市委书记周明远到青云电商基地进行专题调研。副市长王晓东考察平川光明化工有限公司。",
                 _visits("周明远", "青云电商基地") | _visits("王晓东", "平川光明化工有限公司"),
                 id="goto_and_object_forms"),
    pytest.param("工作人员来到青云电商基地，了解情况。", set(), id="visit_without_a_named_person_is_skipped"),
    # Annotation convention (eval/heldout/README.md): sites are enterprises, projects, parks and
    # villages; a whole county or city toured is where the visit went, not what was inspected.
    pytest.param("市委书记周明远在青山县调研时强调，要抓好秋粮生产。市长李建华带队赴松江市考察学习。", set(),
                 id="touring_a_county_or_city_inspects_no_site"),
    pytest.param("韩立春一行实地察看了华康人参产业园项目建设现场。", _visits("韩立春", "华康人参产业园项目"),
                 id="site_of_a_project_visit"),
    pytest.param("市委书记王冬一行先后到青山区光明街道阳光社区、华远电子有限公司调研。",
                 _visits("王冬", "青山区光明街道阳光社区", "华远电子有限公司"),
                 id="list_running_into_the_purpose"),
    pytest.param("副省长韩立春在市长王冬的陪同下来到华远电子有限公司。"
                 "韩立春还考察了青云食品有限公司和光明乳业有限公司。",
                 _visits("韩立春", "华远电子有限公司", "青云食品有限公司", "光明乳业有限公司"),
                 id="the_escort_is_not_the_visitor_and_object_lists_split"),
    pytest.param("市委书记王冬、市长李建华来到华远电子有限公司。",
                 _visits("王冬", "华远电子有限公司") | _visits("李建华", "华远电子有限公司"),
                 id="listed_visitors_share_the_visit"),
    pytest.param("10月5日，市长孙卫东深入白河县、青山区，实地调研秋粮收储工作。", set(),
                 id="a_county_toured_is_no_site"),
    pytest.param("在青禾物流园，孙卫东察看了冷链分拣中心，详细了解园区运营情况。",
                 _visits("孙卫东", "青禾物流园"), id="parts_of_a_site_are_not_sites"),
    pytest.param("市长孙卫东赶到青山洪水灾区视察，慰问受灾群众。", _visits("孙卫东", "青山洪水灾区"),
                 id="a_named_area_within_a_county_is_a_site"),
    pytest.param("在平川县青石镇，县长赵立春察看了总投资8.5亿元的青石光伏发电项目。",
                 _visits("赵立春", "青石光伏发电项目"), id="in_a_town_the_named_object_is_the_site"),
    pytest.param("在青石镇红旗村，赵立春详细了解村集体经济发展情况。",
                 _visits("赵立春", "青石镇红旗村"), id="in_a_village_with_no_object_the_village_is_the_site"),
    pytest.param("周明远先后来到北岭口岸、平川东山食品有限公司和总投资3.2亿元的平川冷链仓储项目建设现场。",
                 _visits("周明远", "北岭口岸", "平川东山食品有限公司", "平川冷链仓储项目"),
                 id="ports_are_sites_and_the_amount_before_a_project_is_dropped"),
]


test_finds_exactly = exact_test(inspections, EXACT)


def test_site_list_goes_on_after_a_comma():
    body = ("孙卫东先后来到平川县河口镇新民村、白石镇果蔬示范园，青山区的青禾米业有限公司和"
            "红旗乡大豆示范田，察看作物长势。")
    assert objects(inspections, body) == {"平川县河口镇新民村", "白石镇果蔬示范园", "青禾米业有限公司",
                                          "红旗乡大豆示范田"}


def test_a_subjectless_clause_continues_the_visitor():
    body = "副市长刘海洋深入白石镇长山村调研，先后察看了温室大棚和青禾米业有限公司。"
    assert ("刘海洋", "inspects", "青禾米业有限公司") in triples(inspections, body)


def test_list_does_not_swallow_the_next_visit():
    body = "市长孙卫东深入青禾经济开发区，先后来到青禾纺织有限公司、白石药业有限公司，调研生产情况。"
    got = objects(inspections, body)
    assert "青禾纺织有限公司" in got and not any(o.startswith("先后") for o in got)


def test_a_kind_of_project_is_no_site():
    assert triples(inspections, "周明远到青山区、白河县调研新能源产业项目。") == set()
