"""Ingestion on small hand-written pages: rejoining, titles, captions, bylines, dates, decoding."""

from __future__ import annotations

import codecs

import pytest

from graphbuild.ingest import iter_input_files, read_page, segment
from graphbuild.ingest.dates import first_date, parse_option_date
from graphbuild.ingest.decode import decode_bytes
from graphbuild.ingest.normalize import normalize_page
from graphbuild.model import InputError, PartialDate


def page_of(tmp_path, text: str, name: str = "page.txt", **kw):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_page(path, **kw)


def articles_of(tmp_path, text: str, **kw):
    return segment(page_of(tmp_path, text, **kw))


# --- normalisation ---------------------------------------------------------------------------


def test_letterspacing_removed_but_word_spaces_kept():
    assert normalize_page("针对垃圾分类和 资 源 化 利 用 的 部 署").text == "针对垃圾分类和资源化利用的部署"
    assert normalize_page("记者 李明 赵刚").text == "记者 李明 赵刚"
    assert normalize_page("投资  18 亿元  ").text == "投资 18 亿元"


def test_punctuation_and_width_unified():
    mapped = normalize_page("近年来,东丰县(含开发区)完成１２３４万元;合计1,208处,时间8:30")
    assert mapped.text == "近年来，东丰县（含开发区）完成1234万元；合计1,208处，时间8:30"


def test_offsets_survive_deletions():
    raw = "甲 乙 丙 丁\n戊  己"
    mapped = normalize_page(raw)
    assert mapped.text == "甲乙丙丁\n戊 己"
    assert [raw[o] for o in mapped.offsets] == list("甲乙丙丁\n戊 己")


# --- paragraphs and titles -------------------------------------------------------------------


def test_lines_broken_by_columns_are_rejoined(tmp_path):
    page = ("本报讯（记者 李明 赵\n刚）近日，龙\n山区召开会议，会议要求各\n\n部门严格按照方案推进\n"
            "工作。\n\n会议强调，要抓好落实。\n")
    (art,) = articles_of(tmp_path, page)
    assert art.body.text == ("近日，龙山区召开会议，会议要求各部门严格按照方案推进工作。\n"
                             "会议强调，要抓好落实。")
    assert [(c.name, c.role) for c in art.credits] == [("李明", "reporter"), ("赵刚", "reporter")]


def test_letterspaced_byline_across_lines(tmp_path):
    page = "本 报 讯（记 者 周 晓\n晓 实习生 钱多多）近日，东丰县举办培训。\n"
    (art,) = articles_of(tmp_path, page)
    assert [(c.name, c.role) for c in art.credits] == [("周晓晓", "reporter"), ("钱多多", "intern")]
    assert art.body.text == "近日，东丰县举办培训。"


HEADLINE_AFTER = """本报讯（通讯员 孙涛）近日，东辽县召开秋季防火工作会议，部署
防火工作。

会议要求，各乡镇要压实责任。

压实防火责任
东辽县召开秋季防火工作会议

本报讯（通讯员 钱坤）日前，东丰县举办农民丰收节，展示特色农产品。

东丰县举办农民丰收节
"""

HEADLINE_BEFORE = """压实防火责任
东辽县召开秋季防火工作会议

本报讯（通讯员 孙涛）近日，东辽县召开秋季防火工作会议，部署防火工作。

东丰县举办农民丰收节

本报讯（通讯员 钱坤）日前，东丰县举办农民丰收节，展示特色农产品。
"""


@pytest.mark.parametrize("page", [HEADLINE_AFTER, HEADLINE_BEFORE], ids=["after", "before"])
def test_headlines_attach_to_their_own_body(tmp_path, page):
    first, second = articles_of(tmp_path, page)
    assert first.headline == "压实防火责任"
    assert [t.text for r, t in first.titles if r == "sub"] == ["东辽县召开秋季防火工作会议"]
    assert second.headline == "东丰县举办农民丰收节"
    assert second.body.text.startswith("日前，东丰县")


def test_kicker_and_feature_credit(tmp_path):
    page = "科技赋能 产业升级\n\n——东丰县发展纪实\n\n本报记者 周正\n\n近年来，东丰县加快产业升级。\n"
    (art,) = articles_of(tmp_path, page)
    assert art.headline == "科技赋能 产业升级"
    assert ("kicker", "东丰县发展纪实") in [(r, t.text) for r, t in art.titles]
    assert [(c.name, c.role) for c in art.credits] == [("周正", "reporter")]
    assert art.body.text == "近年来，东丰县加快产业升级。"


# --- captions, signatures, furniture ---------------------------------------------------------


def test_caption_before_credit_line(tmp_path):
    page = "日前，东辽县某社区开展志愿服务活动。\n\n本报通讯员 吴桐 摄\n"
    (cap,) = articles_of(tmp_path, page)
    assert cap.kind == "caption" and cap.body.text == "日前，东辽县某社区开展志愿服务活动。"
    assert [(c.name, c.role, c.is_person) for c in cap.credits] == [("吴桐", "photographer", True)]


def test_caption_with_credit_on_same_line(tmp_path):
    page = "本报讯（记者 李明）近日，龙山区开展活动。\n\n图为活动现场。 本报记者 郑重 摄\n"
    art, cap = articles_of(tmp_path, page)
    assert (art.kind, cap.kind) == ("article", "caption")
    assert cap.body.text == "图为活动现场。"
    assert [c.name for c in cap.credits] == ["郑重"]


def test_pen_names_are_not_people(tmp_path):
    page = "本报讯（通讯员 西宣）近日，西安区开展活动。\n\n本报讯 近日，市民反映问题已解决。（民生轩）\n"
    first, second = articles_of(tmp_path, page)
    assert [(c.name, c.is_person) for c in first.credits] == [("西宣", False)]
    assert [(c.name, c.role, c.is_person) for c in second.credits] == [("民生轩", "author", False)]
    assert second.body.text == "近日，市民反映问题已解决。"


def test_furniture_dropped_editors_kept(tmp_path):
    page = ("本报讯（记者 李明）近日，龙山区开展活动。（下转二版）\n\n本版编辑 王一 本版校对 张二\n"
            "电子邮箱：abc@example.com\n\n专题报道专题报道\n")
    page_obj = page_of(tmp_path, page)
    (art,) = segment(page_obj)
    assert art.body.text == "近日，龙山区开展活动。"
    assert [(c.name, c.role) for c in page_obj.editors] == [("王一", "editor"), ("张二", "proofreader")]


# --- dates -----------------------------------------------------------------------------------


def test_month_day_stays_partial_without_a_year(tmp_path):
    (art,) = articles_of(tmp_path, "本报讯（记者 李明）8月 29日，东丰县召开会议。\n")
    assert art.date == PartialDate(None, 8, 29)
    assert art.date.iso() == "--08-29"


def test_page_date_gives_the_nearest_year():
    assert first_date("12月30日，召开会议", PartialDate(2020, 1, 3)) == PartialDate(2019, 12, 30)
    assert first_date("将于9月6日开幕", PartialDate(2019, 8, 30)) == PartialDate(2019, 9, 6)
    assert first_date("2018年5月1日，开工", PartialDate(2019, 8, 30)) == PartialDate(2018, 5, 1)
    assert first_date("13月40日", None) is None


def test_option_dates():
    assert parse_option_date("2025-08-20") == PartialDate(2025, 8, 20)
    assert parse_option_date("2025") == PartialDate(2025)
    with pytest.raises(ValueError):
        parse_option_date("2025-02-30")


def test_city_and_date_options_override(tmp_path):
    (art,) = articles_of(tmp_path, "本报讯（记者 李明）8月29日，召开会议。\n", city="白山市",
                         date=PartialDate(2019, 8, 30))
    assert art.home_city == "白山市" and art.date == PartialDate(2019, 8, 29)


# --- decoding and files ----------------------------------------------------------------------


TEXT = "本报讯（记者 李明）近日，东丰县召开会议。"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),
])
def test_encodings(data, encoding):
    assert decode_bytes(data, "x.txt") == (TEXT, encoding)


def test_truncated_utf8_keeps_what_is_valid():
    text, encoding = decode_bytes(TEXT.encode("utf-8")[:-1], "x.txt")
    assert text == TEXT[:-1] + "\ufffd" and encoding == "utf-8"


@pytest.mark.parametrize(("data", "cause"), [
    (b"", "empty file"), (b" \n\r\n", "empty file"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20, "not a text file (binary)"),
])
def test_unreadable_inputs(tmp_path, data, cause):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_page(path)
    assert str(err.value) == f"{path}: {cause}"


def test_iter_input_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "2.txt").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    files = iter_input_files([tmp_path, tmp_path / "1.txt"])
    assert files == [tmp_path / "1.txt", tmp_path / "a" / "2.txt"]
    # a build's output folder inside its input folder is not read as pages
    assert iter_input_files([tmp_path], skip=[tmp_path / "a"]) == [tmp_path / "1.txt"]
    assert iter_input_files([tmp_path], skip=[tmp_path / "missing"]) == files


def test_article_date_prefers_the_dateline():
    from graphbuild.ingest.dates import article_date

    body = "首届文化节将于9月6日开幕，筹备已就绪。\n8月28日上午，记者来到文化馆。"
    assert article_date(body) == PartialDate(None, 8, 28)
    assert article_date("博览会即将于8月27日举行。各县参展。") == PartialDate(None, 8, 27)
    assert article_date("近日，召开会议。", PartialDate(2020, 5, 1)) == PartialDate(2020, 5, 1)


def test_masthead_gives_the_page_date_and_is_dropped(tmp_path):
    text = "白山日报 2021年3月5日 星期五 第2版\n\n本报讯（记者 李明）3月4日，浑江区召开会议。\n"
    page = page_of(tmp_path, text)
    (art,) = segment(page)
    assert page.date == PartialDate(2021, 3, 5)
    assert art.date == PartialDate(2021, 3, 4)
    assert "星期五" not in art.body.text


def test_other_credit_forms(tmp_path):
    page = ("春耕正当时\n\n■ 文/图 本报记者 钱坤\n\n近日，梨树县春耕全面展开。\n\n"
            "农民在田间劳作。\n\n新华社记者 赵刚 摄\n\n本报讯（市融媒体中心记者 孙丽）近日，开展活动。\n")
    feature, caption, story = articles_of(tmp_path, page)
    assert feature.headline == "春耕正当时" and [c.name for c in feature.credits] == ["钱坤"]
    assert [(c.name, c.role) for c in caption.credits] == [("赵刚", "photographer")]
    assert [(c.name, c.role) for c in story.credits] == [("孙丽", "reporter")]


def test_line_ends_of_other_systems():
    assert normalize_page("第一行\r\n第二行").text == "第一行\n第二行"
    assert normalize_page("第一行\r第二行").text == "第一行\n第二行"
    assert normalize_page("第一页\x0c第二页").text == "第一页\n第二页"


def test_parenthesised_photo_credit_and_mixed_feature_credits(tmp_path):
    page = ("丰收时节\n\n本报记者 李明 通讯员 赵刚\n\n近日，东丰县迎来丰收。\n\n"
            "农民在田间收割玉米。（本报记者 郑重 摄）\n")
    feature, caption = articles_of(tmp_path, page)
    assert [(c.name, c.role) for c in feature.credits] == [("李明", "reporter"), ("赵刚", "correspondent")]
    assert caption.body.text == "农民在田间收割玉米。"
    assert [(c.name, c.role) for c in caption.credits] == [("郑重", "photographer")]


AFTER_PAGE_WITH_FEATURE = """本报讯（通讯员 孙涛）近日，东辽县召开秋季防火工作会议，部署防火工作。

压实防火责任
东辽县召开秋季防火工作会议

科技赋能 产业升级

——东丰县发展纪实

本报记者 周正

近年来，东丰县加快产业升级，成效显著。

科技引领发展

东丰县持续加大科技投入，建成多个平台。

本报讯（通讯员 钱坤）日前，东丰县举办农民丰收节，展示特色农产品。

东丰县举办农民丰收节
"""


def test_headline_after_page_with_a_feature_and_section_heads(tmp_path):
    story, feature, festival = articles_of(tmp_path, AFTER_PAGE_WITH_FEATURE)
    assert story.headline == "压实防火责任"
    assert feature.headline == "科技赋能 产业升级" and [c.name for c in feature.credits] == ["周正"]
    assert feature.body.text.split("\n") == [
        "近年来，东丰县加快产业升级，成效显著。", "科技引领发展", "东丰县持续加大科技投入，建成多个平台。"]
    assert festival.headline == "东丰县举办农民丰收节"


def test_a_corrupt_byte_in_utf8_is_replaced_not_misread_as_gbk():
    page = ("本报讯（记者 李明）近日，东丰县召开会议，部署秋季防火工作。" * 20).encode("utf-8")
    damaged = page[:100] + b"\xff" + page[100:]
    text, encoding = decode_bytes(damaged, "x.txt")
    assert encoding == "utf-8" and text.count("\ufffd") == 1 and text.startswith("本报讯（记者 李明）")


def test_a_photo_inside_an_article_does_not_split_it(tmp_path):
    page = ("本报讯（记者 李明）近日，东丰县召开会议，要求各部门\n\n"
            "图为会议现场。\n\n"
            "抓好落实。会议强调，要压实责任。\n\n"
            "本报讯（记者 赵刚）日前，东辽县举办活动。\n\n"
            "上图：活动现场。\n\n本报通讯员 孙丽 摄\n")
    story, photo, other, credited = articles_of(tmp_path, page)
    assert story.body.text == "近日，东丰县召开会议，要求各部门抓好落实。会议强调，要压实责任。"
    assert (photo.kind, photo.body.text, photo.credits) == ("caption", "图为会议现场。", [])
    assert other.body.text == "日前，东辽县举办活动。"
    assert credited.kind == "caption" and [c.name for c in credited.credits] == ["孙丽"]


OTHER_PAPER = """白山日报 2021年3月5日 星期五 第2版

浑江区召开安全生产工作会议

本报讯（记者 李明 通讯员 赵刚）3月4日，浑江区召开安全生产工作会议，区长王五主持会议。
会议强调，要压实责任，确保全区安全生产形势稳定。

临江市开展春季植树活动

本报讯（通讯员 钱坤）近日，临江市组织干部群众开展春季植树活动，
共栽植树木2000余株。

图为植树现场。  本报记者 孙丽 摄

抚松县举办人参产业发展论坛

本报讯 日前，抚松县举办人参产业发展论坛，来自省内外的专家学者参加论坛。（张宇）

责任编辑：张三  校对：李四
"""


def test_a_page_of_another_city_and_layout(tmp_path):
    page = page_of(tmp_path, OTHER_PAPER)
    assert (page.home_city, page.date) == ("白山市", PartialDate(2021, 3, 5))
    assert [(c.name, c.role) for c in page.editors] == [("张三", "editor"), ("李四", "proofreader")]
    first, second, caption, third = segment(page)
    assert first.headline == "浑江区召开安全生产工作会议" and first.date == PartialDate(2021, 3, 4)
    assert [(c.name, c.role) for c in first.credits] == [("李明", "reporter"), ("赵刚", "correspondent")]
    assert second.body.text == "近日，临江市组织干部群众开展春季植树活动，共栽植树木2000余株。"
    assert (caption.kind, caption.body.text) == ("caption", "图为植树现场。")
    assert third.headline == "抚松县举办人参产业发展论坛"
    assert [(c.name, c.role, c.is_person) for c in third.credits] == [("张宇", "author", True)]
    assert "责任编辑" not in third.body.text


def test_closing_byline_in_brackets(tmp_path):
    (art,) = articles_of(tmp_path, "本报讯 近日，东丰县召开会议，部署工作。（记者 王五 赵六）\n")
    assert art.body.text == "近日，东丰县召开会议，部署工作。"
    assert [(c.name, c.role) for c in art.credits] == [("王五", "reporter"), ("赵六", "reporter")]


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        read_page(tmp_path / "nope.txt")
    assert str(err.value) == f"{tmp_path / 'nope.txt'}: No such file or directory"


def test_digest_entries_pointing_to_other_pages_are_dropped(tmp_path):
    page = ("导 读\n\n● 东丰县召开安全生产会议 2版\n● 东辽县举办农民丰收节（第三版）\n\n"
            "本报讯（记者 李明）近日，龙山区召开会议。\n\n龙山区召开会议\n")
    (art,) = articles_of(tmp_path, page)
    assert art.headline == "龙山区召开会议" and art.body.text == "近日，龙山区召开会议。"


def test_wire_dateline(tmp_path):
    (art,) = articles_of(tmp_path, "新华社北京3月4日电（记者 李明）3月4日，会议在北京召开。\n")
    assert [(c.name, c.role, c.is_person) for c in art.credits] == [
        ("李明", "reporter", True), ("新华社", "author", False)]
    assert art.body.text == "3月4日，会议在北京召开。"


MIXED_ORDER = """本报讯（记者 李明）9月1日，东丰县召开秋季防火工作会议，部署秋冬季森林防火工作。

会议要求，各乡镇要压实责任。

东丰县部署秋季防火工作

东辽县举办农民丰收节

本报讯（记者 赵刚）9月2日，东辽县举办农民丰收节，展示特色农产品。

东辽县农民丰收节开幕

今年以来，龙山区坚持项目为王，经济运行稳中向好，前8个月规上工业增加值增长8%。

稳中向好 量质齐升

——龙山区前8个月经济运行综述

本报记者 孙丽

乡村振兴

本报讯（通讯员 钱坤）近日，西安区开展送医下乡活动。
"""


def test_a_page_mixing_headline_orders(tmp_path):
    fire, harvest, review, clinic = articles_of(tmp_path, MIXED_ORDER)
    assert fire.headline == "东丰县部署秋季防火工作"
    assert [t.text for _, t in harvest.titles] == ["东辽县举办农民丰收节", "东辽县农民丰收节开幕"]
    assert review.headline == "稳中向好 量质齐升" and [c.name for c in review.credits] == ["孙丽"]
    assert review.body.text.startswith("今年以来，龙山区")
    assert clinic.titles == [] and clinic.body.text == "近日，西安区开展送医下乡活动。"  # 乡村振兴: a banner
