"""presides and attends."""

from __future__ import annotations

import pytest

from graphbuild.extract import meetings
from tests._extract_util import exact_test, triples

# (body, every (s, p, o) the module must find and no other), one case a reading rule.
EXACT = [
    pytest.param("9月2日，市长赵立春主持召开市政府2023年第五次常务会议。"
                 "副市长王晓东、李文华参加会议，各县（区）政府主要负责同志列席会议。",
                 {("赵立春", "presides", "市政府2023年第五次常务会议"),
                  ("王晓东", "attends", "市政府2023年第五次常务会议"),
                  ("李文华", "attends", "市政府2023年第五次常务会议")},
                 id="presides_and_attends_named_meeting"),
    pytest.param("赵立春参加活动。", set(), id="bare_noun_without_a_fuller_name_is_skipped"),
    pytest.param("本报讯（记者 赵小川）9月2日，市长赵立春出席全市招商引资工作会议。",
                 {("赵立春", "attends", "全市招商引资工作会议")}, id="reporters_do_not_attend"),
    pytest.param("8月16日，2023东北人参产业博览会在抚松县开幕。副省长韩立春，市委书记王冬出席开幕式。",
                 {("韩立春", "attends", "2023东北人参产业博览会开幕式"),
                  ("王冬", "attends", "2023东北人参产业博览会开幕式")},
                 id="opening_ceremony_of_the_named_event"),
    pytest.param("9月2日，市长王冬主持召开市政府常务会议。参加会议的还有市委常委、秘书长刘刚等。",
                 {("王冬", "presides", "市政府常务会议"), ("刘刚", "attends", "市政府常务会议")},
                 id="also_present"),
    pytest.param("9月1日，第三届青山冰雪节在人民广场开幕。副市长王晓东出席并致辞。市长赵立春宣布冰雪节开幕。",
                 {("王晓东", "attends", "第三届青山冰雪节"), ("赵立春", "attends", "第三届青山冰雪节")},
                 id="attending_without_an_object_and_roles"),
    pytest.param("10月5日，全县“秋季攻坚”调度会在县政府礼堂举行。县长李志远主持会议。副县长王海峰、刘思敏参加会议。",
                 {("李志远", "presides", "全县“秋季攻坚”调度会"),
                  ("王海峰", "attends", "全县“秋季攻坚”调度会"),
                  ("刘思敏", "attends", "全县“秋季攻坚”调度会")},
                 id="bare_huiyi_refers_to_any_meeting_named_before"),
    pytest.param("10月8日，县政协召开“乡村振兴”专题协商会。副县长孙立国到会听取意见建议。",
                 {("孙立国", "attends", "“乡村振兴”专题协商会")}, id="daohui_is_attending_whatever_follows"),
    pytest.param("9月3日，总投资6.8亿元的青山新材料产业园项目在平川经济开发区开工。副市长王晓东出席开工仪式。",
                 {("王晓东", "attends", "青山新材料产业园项目开工仪式")},
                 id="unnamed_groundbreaking_is_named_by_the_project_that_started"),
    pytest.param("6月1日，第二届青山湖荷花节在青山湖开幕。副市长王晓东出席开幕式。"
                 "本届荷花节将陆续举办荷花摄影大赛、湿地科普讲座等活动。王晓东在致辞中说，青山湖是候鸟的重要栖息地。",
                 {("王晓东", "attends", "第二届青山湖荷花节开幕式")},
                 id="a_planned_event_is_not_what_a_speaker_attended"),
]

test_finds_exactly = exact_test(meetings, EXACT)


def test_bare_noun_takes_the_fuller_name_from_the_title():
    body = ("9月2日，市委书记周明远专题调研全市科技工作，并召开座谈会。"
            "孙立平主持座谈会。钱学良、吴海参加座谈会。")
    got = triples(meetings, body, "周明远在全市科技工作座谈会上强调")
    assert got == {("周明远", "attends", "全市科技工作座谈会"), ("孙立平", "presides", "全市科技工作座谈会"),
                   ("钱学良", "attends", "全市科技工作座谈会"), ("吴海", "attends", "全市科技工作座谈会")}


def test_presided_by():
    got = triples(meetings, "会议由副市长王晓东主持。", "平川市召开安全生产工作会议")
    assert got == {("王晓东", "presides", "安全生产工作会议")}


def test_presider_is_not_also_an_attendee():
    body = "9月2日，全市安全生产工作会议召开。市长赵立春主持会议并讲话。赵立春、王晓东出席会议。"
    got = triples(meetings, body)
    assert ("赵立春", "presides", "全市安全生产工作会议") in got
    assert ("赵立春", "attends", "全市安全生产工作会议") not in got
    assert ("王晓东", "attends", "全市安全生产工作会议") in got


def test_attending_an_opening_and_its_event_is_one_attendance():
    body = "第三届平川冰雪节开幕式在人民广场举行。副市长钱立新出席开幕式并致辞。"
    got = {(s, o) for s, p, o in triples(meetings, body) if p == "attends"}
    assert len(got) == 1 and next(iter(got))[1].startswith("第三届平川冰雪节")


def test_attendees_described_by_the_verb_do_not_attend():
    body = "平川市全市安全生产工作会议9月3日召开。赵明远、孙卫东会见出席会议代表。"
    assert not any(p == "attends" for _, p, _ in triples(meetings, body))


def test_attending_an_unnamed_signing_is_named_by_its_agreement():
    body = "平川市政府与青禾能源有限公司签署新能源合作框架协议。市长孙卫东出席签约仪式。"
    assert ("孙卫东", "attends", "新能源合作框架协议签约仪式") in triples(meetings, body)


def test_presiding_and_speaking_at_the_meeting_just_named():
    body = "全市防汛工作视频会议9月3日召开，市长孙卫东主持并讲话，副市长钱立新在会上强调，要压实责任。"
    got = triples(meetings, body)
    assert ("孙卫东", "presides", "全市防汛工作视频会议") in got
    assert ("钱立新", "attends", "全市防汛工作视频会议") in got
