"""hosts and invests_in."""

from __future__ import annotations

from graphbuild.extract import projects
from tests._extract_util import facts, triples

BODY = ("“全会为青山区指明了方向。”青山区党工委书记钱学良说。"
        "钱学良表示，青山区将紧紧围绕全会部署要求推进工作。"
        "全力推动投资 12 亿元的数据存储中心项目、"
        "投资 3.5 亿元的年产200万套汽车零部件项目等 9 个大项目尽早落地。"
        "聚焦平川供电公司综合楼项目等已开工项目，全力抢进度。")


def test_invested_projects_hosted_by_the_topic():
    got = {(f.s, f.o, f.q.get("investment_cny")) for f in facts(projects, BODY)}
    assert got == {("青山区", "数据存储中心项目", 1.2e9), ("青山区", "年产200万套汽车零部件项目", 3.5e8),
                   ("青山区", "平川供电公司综合楼项目", None)}


def test_generic_projects_are_not_named():
    body = "青山区紧抓签约项目、新建项目和续建项目等重点项目。青山区推进重大项目。"
    assert triples(projects, body) == set()


def test_parks_nested_in_a_place():
    got = triples(projects, "强化引领作用，重点抓好河口片区农产品加工科技园和汽车配件产业园建设工作。")
    assert got == {("河口片区", "hosts", "农产品加工科技园"), ("河口片区", "hosts", "汽车配件产业园")}


def test_project_settles_in_a_place_and_investor():
    got = {(f.s, f.p, f.o, f.q.get("investment_cny")) for f in facts(
        projects, "总投资5亿元的光伏发电项目正式落户青山区。青云集团投资2亿元建设冷链物流项目。")}
    assert got == {("青山区", "hosts", "光伏发电项目", 5e8), ("青云集团", "invests_in", "冷链物流项目", 2e8)}


def test_project_located_in_a_place():
    got = triples(projects, "位于青山区的华远新能源电池项目进展顺利。")
    assert got == {("青山区", "hosts", "华远新能源电池项目")}


def test_project_started_in_a_place_with_its_own_total_and_investor():
    body = ("8月10日，总投资21.5亿元的华远新能源电池项目在青山经济开发区开工。"
            "由华远集团投资建设的冷链物流项目进展顺利。")
    got = {(f.s, f.p, f.o, f.q.get("investment_cny")) for f in facts(projects, body)}
    assert got == {("青山经济开发区", "hosts", "华远新能源电池项目", 2.15e9),
                   ("华远集团", "invests_in", "冷链物流项目", None)}


def test_place_prefixed_project_and_investment_in_a_place():
    body = ("青山区华远新能源电池项目正式开工。华远集团计划投资5亿元在青山经济开发区建设冷链物流项目。"
            "青云食品有限公司投资建设的肉牛屠宰加工项目已投产。青山县与华远集团举行项目签约仪式。")
    got = {(f.s, f.p, f.o, f.q.get("investment_cny")) for f in facts(projects, body)}
    assert got == {("青山区", "hosts", "华远新能源电池项目", None),
                   ("华远集团", "invests_in", "冷链物流项目", 5e8),
                   ("青山经济开发区", "hosts", "冷链物流项目", 5e8),
                   ("青云食品有限公司", "invests_in", "肉牛屠宰加工项目", None)}


def _hosts_and_investors(body: str) -> set[tuple]:
    return {(f.s, f.p, f.o, f.q.get("investment_cny")) for f in facts(projects, body)}


def test_anaphoric_project_takes_the_one_named_before():
    body = "在白河县分会场，总投资3亿元的山泉饮品二期项目正式开工，该项目由青禾饮品有限公司投资建设。"
    got = _hosts_and_investors(body)
    assert ("青禾饮品有限公司", "invests_in", "山泉饮品二期项目", 3e8) in got
    assert ("白河县", "hosts", "山泉饮品二期项目", 3e8) in got


def test_partner_of_a_project_investment_agreement_invests():
    body = "推介会上，青山区与北辰冷链物流有限公司签订了冷链仓储中心项目投资协议。"
    assert ("北辰冷链物流有限公司", "invests_in", "冷链仓储中心项目", None) in _hosts_and_investors(body)


def test_firm_short_name_invests_where_it_builds():
    body = ("青禾新能源集团有限公司与平川市签约。"
            "根据协议，青禾新能将在白河县投资建设总投资12亿元的白河县50万千瓦光伏发电项目。"
            "青禾新能将加快推进白河县光伏发电项目前期工作。")
    got = _hosts_and_investors(body)
    assert ("青禾新能", "invests_in", "白河县50万千瓦光伏发电项目", 1.2e9) in got
    hosted = {(s, o) for s, p, o, _ in got if p == "hosts"}
    assert hosted == {("白河县", "白河县50万千瓦光伏发电项目")}  # one project, however it is written


def test_place_prefixed_project_anywhere_and_its_total_from_another_sentence():
    body = ("全市项目集中开工活动在青山区光明智能装备产业园项目现场举行。"
            "总投资5亿元的光明智能装备产业园项目由光明机械有限公司投资建设。")
    got = _hosts_and_investors(body)
    assert ("青山区", "hosts", "光明智能装备产业园项目", 5e8) in got
    assert not any(s.startswith("活动") for s, *_ in got)


def test_anaphoric_project_opening_the_next_sentence():
    body = "总投资9亿元的青禾200万吨精品钢项目正式开工。该项目由青禾钢铁有限责任公司投资建设。"
    assert ("青禾钢铁有限责任公司", "invests_in", "青禾200万吨精品钢项目", None) in _hosts_and_investors(body)


def test_investor_named_after_the_project_and_amount_before_jianshe_de():
    body = ("平川市与南海文旅集团签订了平川文化旅游综合体项目合作协议，项目总投资30亿元，"
            "将由南海文旅集团投资建设。青禾能源有限公司投资15亿元建设的白河县光伏制氢项目进展顺利。")
    got = _hosts_and_investors(body)
    assert ("南海文旅集团", "invests_in", "平川文化旅游综合体项目", None) in got
    assert ("白河县", "hosts", "光伏制氢项目", 1.5e9) in got


def test_a_park_hosts_nothing_unless_it_is_being_built():
    body = "位于青山区光明工业园区的青禾米业有限公司年产10万吨大米加工项目已完成主体施工。"
    assert ("青山区", "hosts", "光明工业园区", None) not in _hosts_and_investors(body)


def test_a_settled_project_takes_its_own_total_not_a_sum():
    own = _hosts_and_investors("青禾电池项目正式落户白河县，计划总投资6亿元。")
    assert ("白河县", "hosts", "青禾电池项目", 6e8) in own
    summed = _hosts_and_investors("青禾电池项目正式落户白河县，今年共签约项目9个，总投资41亿元。")
    assert ("白河县", "hosts", "青禾电池项目", None) in summed


def test_a_visit_verb_and_plural_words_are_no_project_names():
    assert triples(projects, "市委书记周明远先后到青山区、白河县调研新能源产业项目建设情况。") == set()
    assert triples(projects, "青山区将积极对接，吸引更多优质项目落户青山区。") == set()


def test_a_project_named_after_another_place_is_hosted_there():
    assert triples(projects, "白河县积极推进投资12亿元的青山区光明储能电站项目。") == {
        ("青山区", "hosts", "光明储能电站项目")}


def test_the_place_whose_government_signs_an_investment_agreement_hosts_the_project():
    body = "9月5日，梨树县人民政府与华远新能源科技有限公司签署年产10万吨生物柴油项目投资协议。"
    assert triples(projects, body) == {
        ("华远新能源科技有限公司", "invests_in", "年产10万吨生物柴油项目"),
        ("梨树县", "hosts", "年产10万吨生物柴油项目")}


def test_the_investor_of_a_park_named_in_the_sentence_before():
    body = ("在梨树县，周明远走进梨树绿源农机装备产业园，察看生产线运行情况。"
            "该产业园由华远农机装备有限公司投资建设，总投资8亿元。")
    assert ("华远农机装备有限公司", "invests_in", "梨树绿源农机装备产业园") in triples(projects, body)


def test_a_tour_stop_names_the_area_of_the_park_visited_there():
    body = "在梨树县，周明远走进梨树绿源农机装备产业园，察看生产线运行情况。"
    assert ("梨树县", "hosts", "梨树绿源农机装备产业园") in triples(projects, body)
    # a town is where a site lies, not a host read from a tour stop
    assert triples(projects, "在白山镇，周明远走进红松林下经济示范园区。") == set()


def test_a_total_given_for_the_project_two_sentences_later():
    body = ("9月5日，梨树县人民政府与华远新能源科技有限公司签署年产10万吨生物柴油项目投资协议。"
            "签约仪式在县政务中心举行。该项目总投资12亿元，由华远新能源科技有限公司投资建设。")
    hosts = [f for f in facts(projects, body) if f.p == "hosts"]
    assert [(f.s, f.o, f.q) for f in hosts] == [
        ("梨树县", "年产10万吨生物柴油项目", {"investment_cny": 1.2e9})]


def test_a_park_total_given_after_its_investor():
    body = ("在梨树县，周明远走进梨树绿源农机装备产业园，察看生产线运行情况。"
            "该产业园由华远农机装备有限公司投资建设，总投资8亿元。")
    hosts = [f for f in facts(projects, body) if f.p == "hosts"]
    assert [(f.s, f.o, f.q) for f in hosts] == [("梨树县", "梨树绿源农机装备产业园", {"investment_cny": 8e8})]
