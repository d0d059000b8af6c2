"""Ingestion on invented pages: box labels, letter-spaced bylines, column banners, signoffs."""

from __future__ import annotations

from graphbuild.ingest import read_page, segment


def articles_of(tmp_path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return segment(read_page(path))


def _summary(arts):
    return [(a.kind, a.headline, a.body.text[:6]) for a in arts]


# --- box labels ------------------------------------------------------------------------------

STORY_WITH_BOX_BELOW = """本报讯（记者 李明）3月5日，市长赵刚主持召开市政府常务会议，研究部署春耕生产工作。

会议强调，各部门要压实责任，抓好春耕物资供应。

本月共受理来电 1520件，办结 1498件，满意率 97%，回访 320件。

一周数据

市政府召开常务会议部署春耕

本报讯（记者 王芳）近日，东丰县举办农民技能培训班，200余名农民参加培训。

东丰县举办农民技能培训
"""


def test_a_label_printed_after_its_box_cuts_the_box_off_the_story_above(tmp_path):
    arts = articles_of(tmp_path, STORY_WITH_BOX_BELOW)
    assert _summary(arts) == [
        ("article", "市政府召开常务会议部署春耕", "3月5日，市"),
        ("digest", "一周数据", "本月共受理来"),
        ("article", "东丰县举办农民技能培训", "近日，东丰县"),
    ]
    assert arts[0].body.text.endswith("抓好春耕物资供应。")
    assert arts[1].credits == []


def test_a_label_before_unbylined_text_opens_a_box(tmp_path):
    page = ("简讯\n\n全市今年已植树 3200亩，新建绿地 45处，完成目标 86%。\n\n春耕物资储备充足\n\n"
            "本报讯（记者 李明）近日，全市春耕物资储备充足，化肥到位率九成。\n")
    arts = articles_of(tmp_path, page)
    assert _summary(arts) == [("digest", "简讯", "全市今年已植"),
                              ("article", "春耕物资储备充足", "近日，全市春")]


def test_a_label_over_bylined_stories_labels_nothing_of_its_own(tmp_path):
    page = ("简 讯\n\n本报讯 近日，东丰县举办农民技能培训班。\n\n"
            "本报讯 近日，龙山区召开安全生产工作会议。\n")
    arts = articles_of(tmp_path, page)
    assert _summary(arts) == [("article", "", "近日，东丰县"), ("article", "", "近日，龙山区")]
    assert not any("简" in a.body.text for a in arts)


def test_a_label_under_a_story_without_figures_cuts_nothing(tmp_path):
    page = ("本报讯（记者 李明）近日，东丰县举办农民技能培训班。\n\n培训班邀请专家授课，农民收获满满。\n\n"
            "数据\n\n本报讯（记者 王芳）近日，龙山区召开安全生产工作会议。\n")
    arts = articles_of(tmp_path, page)
    assert [a.kind for a in arts] == ["article", "article"]
    assert arts[0].body.text.endswith("农民收获满满。")


# --- letter-spaced bylines -------------------------------------------------------------------


def test_letterspaced_byline_names_are_cut_by_surname(tmp_path):
    page = "本 报 讯（记 者 王 茵 李\n锋 实习生 闫书御琳）近日，东丰县举办培训。\n"
    (art,) = articles_of(tmp_path, page)
    assert [(c.name, c.role) for c in art.credits] == [
        ("王茵", "reporter"), ("李锋", "reporter"), ("闫书御琳", "intern")]
    raw = (tmp_path / "page.txt").read_text(encoding="utf-8")
    assert [raw[slice(*c.span)] for c in art.credits[:2]] == ["王 茵", "李\n锋"]


def test_split_names_keeps_what_cannot_be_two_names():
    from graphbuild.ingest.byline import split_names

    assert split_names("王茵李晓明") == ["王茵", "李晓明"]
    assert split_names("张莹莹李晓明") == ["张莹莹", "李晓明"]
    assert split_names("欧阳明华") is None  # one name with a compound surname
    assert split_names("闫书御琳") is None  # 御 starts no surname: one four-character name
    assert split_names("王彦雨") is None


def test_unspaced_four_character_names_stay_whole(tmp_path):
    (art,) = articles_of(tmp_path, "本报讯（记者 王茵李锋）近日，东丰县举办培训。\n")
    assert [c.name for c in art.credits] == ["王茵李锋"]


# --- column banners --------------------------------------------------------------------------

BANNER_ABOVE_HEADLINE_AFTER = """本报讯（记者 李明）近日，东丰县举办农民技能培训班，200余名农民参加培训。

东丰县举办农民技能培训

百姓热线

本报讯 近日，市民张女士拨打热线反映小区路灯损坏，有关部门当天修复了路灯。

市民反映路灯损坏 热线协调当天修复
"""

BANNER_ABOVE_HEADLINE_BEFORE = """百姓热线

市民反映路灯损坏 热线协调当天修复

本报讯 近日，市民张女士拨打热线反映小区路灯损坏，有关部门当天修复了路灯。

东丰县举办农民技能培训

本报讯（记者 李明）近日，东丰县举办农民技能培训班，200余名农民参加培训。
"""


def test_a_banner_sharing_a_word_with_its_story_is_not_its_headline(tmp_path):
    for page in (BANNER_ABOVE_HEADLINE_AFTER, BANNER_ABOVE_HEADLINE_BEFORE):
        arts = articles_of(tmp_path, page)
        hotline = next(a for a in arts if "路灯" in a.body.text)
        assert [(r, t.text) for r, t in hotline.titles] == [("main", "市民反映路灯损坏 热线协调当天修复")]


def test_a_short_headline_with_a_verb_is_kept_over_its_subtitle(tmp_path):
    page = ("喜迎国庆\n\n全市各界举办国庆文艺演出庆祝活动\n\n"
            "本报讯（记者 李明）近日，全市各界举办国庆文艺演出，庆祝国庆。\n")
    (art,) = articles_of(tmp_path, page)
    assert [(r, t.text) for r, t in art.titles] == [
        ("main", "喜迎国庆"), ("sub", "全市各界举办国庆文艺演出庆祝活动")]


# --- signoffs --------------------------------------------------------------------------------

SIGNOFF_THEN_DATA = """本报讯（记者 李明）近日，东丰县举办农民技能培训班，200余名农民参加培训。

东丰县举办农民技能培训

百姓热线

本报讯 近日，市民张女士拨打热线反映小区路灯损坏，希望尽快修复路灯。

接到诉求后，有关部门当天修复了路灯，张女士表示满意。（热线组）

本月热线共受理诉求 1520件，办结 1498件，满意率 97%，回访 320件。

市民反映路灯损坏 热线协调当天修复
"""


def test_a_signoff_ends_its_story_and_its_headline_finds_it(tmp_path):
    arts = articles_of(tmp_path, SIGNOFF_THEN_DATA)
    assert _summary(arts) == [
        ("article", "东丰县举办农民技能培训", "近日，东丰县"),
        ("article", "市民反映路灯损坏 热线协调当天修复", "近日，市民张"),
        ("digest", "", "本月热线共受"),
    ]
    assert [(c.name, c.is_person) for c in arts[1].credits] == [("热线组", False)]
    assert arts[1].body.text.endswith("张女士表示满意。")


def test_a_signoff_line_end_ends_the_paragraph(tmp_path):
    from graphbuild.ingest.layout import ends_sentence

    assert ends_sentence("张女士表示满意。（热线组）") and ends_sentence("工作。（记者 李明）")
    assert not ends_sentence("全市共有（含开发区）")


def test_a_label_over_a_long_story_labels_nothing(tmp_path):
    body = "“全会的部署要求为我们下一步工作指明了方向，我们将切实把思想和行动统一到全会精神上来。”" * 20
    arts = articles_of(tmp_path, f"导 读\n\n{body}\n")
    assert [(a.kind, a.headline) for a in arts] == [("article", "")]


def test_bare_names_in_brackets_do_not_end_a_story(tmp_path):
    page = ("本报讯（记者 李明）近日，东丰县举办培训。（秦红宇摄）\n"
            "培训班邀请专家授课。（全文另发）\n农民收获满满。\n")
    (art,) = articles_of(tmp_path, page)
    assert art.body.text.endswith("农民收获满满。")


def test_only_a_label_of_figures_cuts_figures_off_a_story(tmp_path):
    page = STORY_WITH_BOX_BELOW.replace("一周数据", "简讯")
    arts = articles_of(tmp_path, page)
    assert [a.kind for a in arts] == ["article", "article"]
    assert arts[0].body.text.endswith("回访 320件。")


def test_a_label_over_a_photo_leaves_the_caption_alone(tmp_path):
    page = ("本报讯（记者 李明）近日，东丰县举办培训，学员 120人，合格 118人，优秀 45人，占比 38%。\n\n"
            "图片新闻\n\n图为学员在培训现场。 本报记者 王芳 摄\n")
    arts = articles_of(tmp_path, page)
    assert [a.kind for a in arts] == ["article", "caption"]
    assert "优秀 45人" in arts[0].body.text


def test_a_banner_printed_over_two_stories_is_nobodys_headline(tmp_path):
    page = ("本报讯 近日，市民张女士拨打热线反映小区路灯损坏，有关部门当天修复了路灯。\n\n百姓热线\n\n"
            "本报讯 近日，市民王先生拨打热线反映井盖破损，有关部门当天更换了井盖。\n\n百姓热线\n")
    arts = articles_of(tmp_path, page)
    assert [(a.headline, a.body.text[:6]) for a in arts] == [("", "近日，市民张"), ("", "近日，市民王")]


def test_a_titled_text_after_a_labelled_box_is_a_story_of_its_own(tmp_path):
    page = ("简讯\n\n全市今年已植树 3200亩，新建绿地 45处，完成目标 86%。\n\n春耕物资储备充足\n\n"
            "全市春耕物资储备充足，化肥到位率九成。\n")
    arts = articles_of(tmp_path, page)
    assert _summary(arts) == [("digest", "简讯", "全市今年已植"),
                              ("article", "春耕物资储备充足", "全市春耕物资")]
