"""exhibits_at."""

from __future__ import annotations

from graphbuild.extract import expos
from tests._extract_util import facts

BODY = ("本报讯（记者 赵小川）第八届东北农业博览会即将于9月1日至5日在青云举行，"
        "我市积极筹备，各项参展事宜已基本就绪。"
        "青山、河口、平川县共组织40家企业参展。"
        "青山区聚焦产业优势，精选 18 家企业参展。"
        "河口区结合自身实际，组织12家企业参展，既有光明乳业等知名品牌，也有新兴企业。")


def test_exhibitors_with_counts_and_home_city():
    got = {(f.s, f.o, f.q.get("count")) for f in facts(expos, BODY, "我市40家经营主体参展事宜准备就绪")}
    expo = "第八届东北农业博览会"
    assert (("平川市", expo, 40)) in got
    assert (("青山区", expo, 18)) in got
    assert (("河口区", expo, 12)) in got
    assert (("光明乳业", expo, None)) in got
    assert (("平川县", expo, None)) in got
    assert len(got) == 5  # 青山 (in the list) and 青山区 are one exhibitor


def test_participating_in_a_named_expo():
    found = facts(expos, "近日，青山区组织23家企业参加第五届中国-东盟博览会。")
    got = {(f.s, f.o, f.q.get("count")) for f in found}
    assert got == {("青山区", "第五届中国-东盟博览会", 23)}


def test_no_expo_no_fact():
    assert facts(expos, "青山区精选18家企业参展。") == []


def test_appearing_at_a_named_expo():
    found = facts(expos, "华远电子有限公司携30余种产品亮相第五届中国国际进口博览会。")
    assert [(f.s, f.o) for f in found] == [("华远电子有限公司", "第五届中国国际进口博览会")]


def test_parts_of_a_total_carry_their_own_count():
    body = ("第九届东北农业博览会将于9月1日在青云举行。"
            "我市共组织30家企业参展，其中青山区组织12家、河口区组织8家。")
    got = {(f.s, f.q.get("count")) for f in facts(expos, body)}
    assert got == {("平川市", 30), ("青山区", 12), ("河口区", 8)}


def test_exhibitors_listed_after_baokuo_must_read_as_names():
    body = "第五届东北博览会开幕。参展企业包括华远电子有限公司、青云食品有限公司和光明乳业。"
    got = {f.s for f in facts(expos, body)}
    assert got == {"华远电子有限公司", "青云食品有限公司"}


def test_listed_places_share_no_total_even_when_a_name_starts_with_he():
    body = "第五届东北博览会开幕。龙井市、和龙市、汪清县共组织7家企业参展。"
    got = {(f.s, f.q.get("count")) for f in facts(expos, body)}
    assert got == {("龙井市", None), ("和龙市", None), ("汪清县", None)}


def test_parts_in_the_next_sentence():
    body = ("第九届东北农业博览会将于9月1日在青云举行。我市共组织30家企业参展。"
            "其中，青山区组织12家、河口区组织8家。")
    got = {(f.s, f.q.get("count")) for f in facts(expos, body)}
    assert got == {("平川市", 30), ("青山区", 12), ("河口区", 8)}


def test_every_clause_of_a_parts_sentence_exhibits_with_its_count():
    body = ("第八届东方农业博览会将于10月8日开幕，我市共组织30家企业参展。"
            "其中，青山区组织10家企业参展，主打杂粮；平川县组织 1 2 家 企 业，携山货亮相；"
            "白河县组织8家企业。")
    got = {(f.s, f.q.get("count")) for f in facts(expos, body)}
    assert {("青山区", 10), ("平川县", 12), ("白河县", 8)} <= got


def test_a_body_helping_exhibitors_is_no_exhibitor():
    body = ("第八届东方农业博览会将于10月8日开幕，我市共组织30家企业参展。"
            "为办好参展工作，市商务局对参展企业开展了布展指导。")
    assert "市商务局" not in {f.s for f in facts(expos, body)}


def test_a_later_sentence_counts_parts_only_when_it_breaks_the_total_down():
    body = ("第八届东方农业博览会将于10月8日开幕，我市共组织30家企业参展。"
            "会后，市商务局组织3家银行开展融资对接。")
    assert "市商务局" not in {f.s for f in facts(expos, body)}


def test_a_listed_total_gives_no_member_its_count():
    body = "青山区、白河县、平川县组织30家企业参加第八届东方农业博览会。"
    got = {(f.s, f.q.get("count")) for f in facts(expos, body)}
    assert got == {("青山区", None), ("白河县", None), ("平川县", None)}


def test_a_firm_showing_itself_in_an_expo_article_exhibits_there():
    found = {(f.s, f.o) for f in facts(expos, "我市共组织15家企业参加第八届东北亚农业博览会。"
                                              "平川绿源米业有限公司携有机大米亮相，吸引了众多客商。")}
    assert ("平川绿源米业有限公司", "第八届东北亚农业博览会") in found
    # only a firm: a government body appearing is no exhibitor
    assert facts(expos, "第八届东北亚农业博览会在青云开幕。平川市农业农村局携展板亮相。") == []


def test_a_body_training_the_exhibitors_is_no_exhibitor():
    body = "我市共组织15家企业参加第八届东北亚农业博览会。市商务局还组织参展企业开展了外贸政策培训。"
    assert "市商务局" not in {f.s for f in facts(expos, body)}


def test_a_firm_bringing_its_goods_in_an_expo_article_exhibits_there():
    body = ("我市共组织15家企业参加第八届东北亚农业博览会。"
            "平川绿源米业有限公司此次带来了10余种精品大米，吸引了众多客商。")
    assert ("平川绿源米业有限公司", "第八届东北亚农业博览会") in {(f.s, f.o) for f in facts(expos, body)}
