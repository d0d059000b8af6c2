"""organizes and held_in."""

from __future__ import annotations

import pytest

from graphbuild.extract import activities
from tests._extract_util import exact_test, facts, includes_test, subjects, triples

# (body, every (s, p, o) the module must find and no other), one case a reading rule.
EXACT = [
    pytest.param("为做好防汛工作，近日，青山区召开防汛工作推进会议。",
                 {("青山区", "organizes", "防汛工作推进会议")}, id="subject_verb_event"),
    pytest.param("近日，青山区光明街道阳光社区开展了“邻里守望，温暖同行”志愿服务活动。",
                 {("青山区光明街道阳光社区", "organizes", "“邻里守望，温暖同行”志愿服务活动")},
                 id="nested_subject_and_quoted_event_with_comma"),
    pytest.param("近日，光明街道联合青山消防救援大队在阳光社区开展消防演练活动。",
                 {("光明街道", "organizes", "消防演练活动"),
                  ("青山消防救援大队", "organizes", "消防演练活动")},
                 id="co_organizers_and_activity_gives_no_venue"),
    pytest.param("平川县围绕“安全生产月”主题，组织各成员单位开展了安全宣传活动。",
                 {("平川县", "organizes", "安全宣传活动")}, id="subject_from_earlier_clause_and_period_lead"),
    pytest.param("各单位要开展安全宣传活动。青山区将举办读书节活动。青山区定期组织银企对接活动。"
                 "会议指出，青山区开展了专项行动。", set(),
                 id="duty_plan_habit_and_reported_speech_are_not_events"),
    pytest.param("青山区人社局开展现场招聘会3场，线上招聘会10场。", set(), id="tally_is_no_named_event"),
    pytest.param("青山区开展此次活动。", set(), id="anaphora_is_no_named_event"),
    pytest.param("近日，平川县委组织部举办了为期3天的2023年新任职干部培训班。",
                 {("平川县委组织部", "organizes", "2023年新任职干部培训班")},
                 id="duration_and_year_are_stripped_from_the_name"),
    pytest.param("第三届东北农业博览会将于9月1日至5日在平川举行。",
                 {("第三届东北农业博览会", "held_in", "平川")}, id="held_in_with_date_and_future"),
    pytest.param("9月1日上午，青云集团与平川纺织园“合作协议”签约仪式，在青云集团总部举行。",
                 {("青云集团与平川纺织园“合作协议”签约仪式", "held_in", "青云集团总部")},
                 id="held_in_ceremony_then_venue_clause"),
    pytest.param("全省工作会议今天在这里召开。", set(), id="deictic_venue_is_skipped"),
    pytest.param("近日，河口镇开展了形式多样的宣传活动。", set(), id="plural_descriptions_name_no_event"),
    pytest.param("近日，平川市政府召开第12次常务会议。", set(), id="routine_sessions_have_no_organizer"),
    pytest.param("近日，青山区妇幼保健计划生育服务中心开展义诊活动。华远投资集团有限公司举办职工运动会。",
                 {("青山区妇幼保健计划生育服务中心", "organizes", "义诊活动"),
                  ("华远投资集团有限公司", "organizes", "职工运动会")}, id="stop_words_inside_names"),
    pytest.param("由平川市文化广电和旅游局主办、白河县人民政府承办的第二届白河山货节9月5日在白河县举行。",
                 {("平川市文化广电和旅游局", "organizes", "第二届白河山货节"),
                  ("白河县人民政府", "organizes", "第二届白河山货节"),
                  ("第二届白河山货节", "held_in", "白河县")},
                 id="edition_festival_with_a_body_whose_name_holds_he"),
    pytest.param("由市文旅局主办、青山区政府承办的第二届青山美食节于9月1日在人民广场开幕。",
                 {("市文旅局", "organizes", "第二届青山美食节"),
                  ("青山区政府", "organizes", "第二届青山美食节"),
                  ("第二届青山美食节", "held_in", "人民广场")},
                 id="roles_before_the_event_and_venue_after_de"),
    pytest.param("青山县委组织部在县委党校举办全县村党组织书记培训班。",
                 {("青山县委组织部", "organizes", "全县村党组织书记培训班"),
                  ("全县村党组织书记培训班", "held_in", "县委党校")},
                 id="party_organisation_inside_a_name_is_no_verb"),
    pytest.param("记者从市商务局获悉，我市共组织12家企业赴长春参加在长春国际会展中心举办的第十届东北农业博览会。",
                 {("第十届东北农业博览会", "held_in", "长春国际会展中心")},
                 id="organising_firms_to_attend_an_event_is_not_organising_it"),
]


test_finds_exactly = exact_test(activities, EXACT)


# (body, titles, (s, p, o) the module must find among others), one case a reading rule.
INCLUDES = [
    pytest.param("近日，平川县第三次安全生产例会暨全县防火工作会议在县政府召开。", (),
                 {("平川县第三次安全生产例会暨全县防火工作会议", "held_in", "县政府")},
                 id="held_in_before_the_event"),
    pytest.param("平川县卫健局在县人民医院召开全县卫生工作会议。", (),
                 {("全县卫生工作会议", "held_in", "县人民医院")}, id="held_in_after_the_event"),
    pytest.param("本次培训班由平川县委组织部主办，平川县人社局承办。", ("平川县举办青年干部培训班",),
                 {("平川县委组织部", "organizes", "青年干部培训班"),
                  ("平川县人社局", "organizes", "青年干部培训班")}, id="organized_by"),
    pytest.param("近年来，青云经济开发区积极优化发展环境。青云经济开发区不断推动产业升级。"
                 "今年初，在平川市组织了青云经济开发区专场招商推介会，邀请客商50人。", (),
                 {("青云经济开发区", "organizes", "青云经济开发区专场招商推介会"),
                  ("青云经济开发区专场招商推介会", "held_in", "平川市")},
                 id="topic_organizes_an_event_named_after_it"),
    pytest.param("首届青山冰雪节将于12月开幕。青山区文旅局负责具体组织实施。", (),
                 {("青山区文旅局", "organizes", "首届青山冰雪节")}, id="body_that_carries_out_the_event"),
    pytest.param("9月2日，会议在县政府召开。", ("平川县召开安全生产工作会议",),
                 {("安全生产工作会议", "held_in", "县政府")},
                 id="bare_meeting_with_a_venue_takes_the_title_name"),
    pytest.param("由商务部和平川市人民政府共同主办的第五届东方商品交易会将在平川举办。"
                 "近日，青山区光明街道组织开展“邻里守望”文艺汇演。", (),
                 {("商务部", "organizes", "第五届东方商品交易会"),
                  ("青山区光明街道", "organizes", "“邻里守望”文艺汇演")}, id="ministry_and_new_event_nouns"),
    pytest.param("9月6日，白河县举办第三届杂粮节，活动在白河县文化广场举行。"
                 "全市项目集中开工仪式在青山区光明智能装备产业园项目现场举行。", (),
                 {("第三届杂粮节", "held_in", "白河县文化广场"),
                  ("全市项目集中开工仪式", "held_in", "青山区光明智能装备产业园项目现场")},
                 id="bare_huodong_takes_the_event_just_named_and_a_project_site_is_a_venue"),
    pytest.param("“欢乐山城”群众文化活动在平川广场启幕。活动由市委宣传部主办，市群众艺术馆具体组织实施。", (),
                 {("市群众艺术馆", "organizes", "“欢乐山城”群众文化活动")},
                 id="body_carrying_out_the_event_specifically"),
    pytest.param("6月3日，由县委宣传部、县文化馆主办，青山镇人民政府承办的"
                 "第二届青山湖稻田艺术节在青山镇开幕。", (),
                 {("县委宣传部", "organizes", "第二届青山湖稻田艺术节"),
                  ("县文化馆", "organizes", "第二届青山湖稻田艺术节"),
                  ("青山镇人民政府", "organizes", "第二届青山湖稻田艺术节")},
                 id="roles_in_comma_clauses_before_the_event"),
    pytest.param("7月2日，第五届青山湖皮划艇邀请赛在青山湖举行。"
                 "本次比赛由县体育事业发展中心具体组织实施。", (),
                 {("县体育事业发展中心", "organizes", "第五届青山湖皮划艇邀请赛"),
                  ("第五届青山湖皮划艇邀请赛", "held_in", "青山湖")},
                 id="yaoqing_sai_is_an_event_bisai_refers_back_and_by_x_juti_zuzhi"),
    pytest.param("9月12日，县政协召开“冰雪经济”专题协商会。", (),
                 {("县政协", "organizes", "“冰雪经济”专题协商会")}, id="zhengxie_is_a_body"),
    pytest.param("平川县人民政府与青山农业集团有限公司在县政务服务中心签订战略合作协议。"
                 "县长赵立春出席签约仪式。", (),
                 {("战略合作协议签约仪式", "held_in", "县政务服务中心")}, id="signed_at_a_venue"),
]

test_finds_among_others = includes_test(activities, INCLUDES)


def test_title_fills_in_only_when_the_body_names_no_organizer():
    body = "近日，平川县第三次安全生产例会暨全县防火工作会议在县政府召开。"
    got = triples(activities, body, "平川县召开防火工作会议")
    assert ("平川县", "organizes", "防火工作会议") in got
    got = triples(activities, "近日，平川县卫健局在县人民医院召开全县卫生工作会议。", "平川召开卫生工作会议")
    assert ("平川", "organizes", "卫生工作会议") not in got
    assert ("平川县卫健局", "organizes", "全县卫生工作会议") in got


def test_evidence_points_into_the_sentence():
    (fact,) = facts(activities, "近日，青山区召开防汛工作推进会议。")
    assert fact.evidence.rule == "activities.organizes.召开"
    assert (fact.evidence.start, fact.evidence.end) == (3, 16)
    assert fact.s_type == "Place" and fact.o_subtype == "Meeting"


def test_listed_bodies_before_deng_danwei():
    body = "青山区文旅局、青山区总工会、青山区妇联等单位联合开展“巾帼建功”主题活动。"
    assert subjects(activities, body) == {"青山区文旅局", "青山区总工会", "青山区妇联"}


def test_people_and_parts_ending_in_bu_are_no_bodies():
    from graphbuild.extract.common import classify

    assert classify("村干部") is None and classify("吉林省东部") is None


def test_signing_parties_do_not_organise_their_ceremony_and_a_year_names_a_festival():
    body = ("白河县人民政府与青禾农业有限公司举行项目签约仪式。"
            "由平川市旅游局主办的2024平川山货节在白河县开幕。")
    got = triples(activities, body)
    assert not any(p == "organizes" and o.endswith("签约仪式") for _, p, o in got)
    assert ("平川市旅游局", "organizes", "2024平川山货节") in got
