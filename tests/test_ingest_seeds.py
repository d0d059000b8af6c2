"""Ingestion on the five seed pages: counts by hand, titles, bylines, home city, offsets."""

from __future__ import annotations

import unicodedata

import pytest

from graphbuild.ingest import iter_input_files, read_page, segment
from graphbuild.ingest.normalize import substitute

# Counted by hand, captions included (see docs/readme/ingest.md for what counts as an item).
EXPECTED_ITEMS = {
    "000": (6, 3),  # 5 本报讯 stories + the 工业经济 feature; 3 photo captions
    "001": (5, 2),  # the 伊通经济开发区 feature + 4 stories; 2 captions
    "002": (4, 1),  # the untitled 红开区 interview, expo, 陈德明, 王相民; 1 caption
    "003": (5, 2),  # the 铁西 feature + 4 stories; 2 captions
    # 常务会议, the 一周数据 box (kind digest), 3 hotline items, 城市节, editorial, 签约, 常委会
    "004": (9, 1),
}


@pytest.fixture(scope="module")
def pages(seeds_dir):
    files = iter_input_files([seeds_dir])
    return {p.name[:3]: read_page(p) for p in files}


@pytest.fixture(scope="module")
def articles(pages):
    return {key: segment(page) for key, page in pages.items()}


def _by_body_start(arts, prefix):
    found = [a for a in arts if a.body.text.startswith(prefix)]
    assert len(found) == 1, f"no single article starting {prefix!r}"
    return found[0]


@pytest.mark.parametrize("key", sorted(EXPECTED_ITEMS))
def test_items_per_page(articles, key):
    arts = articles[key]
    captions = sum(a.kind == "caption" for a in arts)
    assert (len(arts) - captions, captions) == EXPECTED_ITEMS[key]


def test_004_item_kinds(articles):
    kinds = [a.kind for a in articles["004"]]
    assert (kinds.count("caption"), kinds.count("editorial"), kinds.count("digest"),
            kinds.count("article")) == (1, 1, 1, 7)


def test_004_data_box_printed_above_its_label_is_a_digest(articles):
    """The 一周数据 box sits right under the lead story, its label after it: it leaves the story."""
    lead, box = articles["004"][:2]
    assert (box.kind, box.headline, box.credits) == ("digest", "一周数据", [])
    assert box.body.text.startswith("本周共受理电话来电") and "反映突出的问题有" in box.body.text
    assert lead.body.text.endswith("列席会议。") and "本周共受理" not in lead.body.text


def test_004_first_article_reporters(articles):
    first = articles["004"][0]
    assert [(c.name, c.role) for c in first.credits] == [("汪琳", "reporter"), ("王彦雨", "reporter")]
    assert first.body.text.startswith("8月29日，市长")
    assert first.date is not None and (first.date.month, first.date.day, first.date.year) == (8, 29, None)


def test_004_city_festival_reporter_and_intern(articles):
    festival = next(a for a in articles["004"] if "城市节" in a.headline)
    assert [(c.name, c.role, c.is_person) for c in festival.credits] == [
        ("张莹莹", "reporter", True), ("闫书御琳", "intern", True)]
    assert festival.body.text.startswith("首届“辽源城市节”")


def test_002_expo_headline_printed_after_body(articles):
    expo = _by_body_start(articles["002"], "第十五届中国-东北亚博览会即将于")
    assert expo.headline == "第十五届中国-东北亚博览会开幕在即"
    assert [(c.name, c.role) for c in expo.credits] == [("张宪双", "reporter")]
    assert "下转" not in expo.body.text


def test_001_headlines_printed_before_body(articles):
    story = _by_body_start(articles["001"], "为进一步打造高素质专业化年轻干部队伍")
    assert story.headline == "打造专业化年轻干部队伍 提高新引进硕博人才能力"
    assert [t.text for r, t in story.titles if r == "sub"] == ["铁西区组织部举办2022年新引进硕博人才培训班"]


def test_000_feature_header_adopts_body_printed_later(articles):
    feature = articles["000"][0]
    assert feature.headline == "工业稳增长 经济有活力"
    assert ("kicker", "铁东区2023年上半年工业经济发展综述") in [(r, t.text) for r, t in feature.titles]
    assert [(c.name, c.role) for c in feature.credits] == [("李照星", "correspondent")]
    assert feature.body.text.startswith("今年以来，铁东区以招商引资")


def test_pen_names_and_column_signatures_are_not_people(articles):
    pen = [c for a in articles["000"] for c in a.credits if c.name == "东宣"]
    assert pen and not any(c.is_person for c in pen)
    hotline = [a for a in articles["004"] if any(c.name == "热线轩" for c in a.credits)]
    assert len(hotline) == 3
    assert all(not c.is_person for a in hotline for c in a.credits)
    assert not any("热线轩" in a.body.text for a in hotline)


def test_captions_carry_photographers(articles):
    captions = [a for arts in articles.values() for a in arts if a.kind == "caption"]
    assert captions and all(c.role == "photographer" for a in captions for c in a.credits)
    inline = next(a for a in articles["002"] if a.kind == "caption")
    assert inline.body.text == ("8月19日，市委书记王相民到四平青年场景电商基地（四平市青年电商协会）"
                                "进行专题调研。")
    assert [c.name for c in inline.credits] == ["张舰"]


def test_editorial_reprint(articles):
    editorial = next(a for a in articles["004"] if a.kind == "editorial")
    assert editorial.headline == "建设开放型区域经济"
    assert [(c.name, c.role, c.is_person) for c in editorial.credits] == [
        ("《吉林日报》评论员", "commentator", False)]
    assert "转自" not in editorial.body.text


def test_page_furniture_dropped_and_editors_kept(pages, articles):
    assert [(c.name, c.role) for c in pages["003"].editors] == [
        ("辛宏", "editor"), ("王森", "editor"), ("刘铁铮", "proofreader")]
    bodies = "\n".join(a.body.text for arts in articles.values() for a in arts)
    furniture_lines = ("本版编辑", "电子邮箱", "一周数据", "现场督办进行时现场督办进行时",
                       "还有 7 天", "导读")
    for furniture in furniture_lines:
        assert furniture not in bodies


@pytest.mark.parametrize(("key", "city"), [("000", "四平市"), ("001", "四平市"), ("002", "四平市"),
                                           ("003", "四平市"), ("004", "辽源市")])
def test_home_city(pages, articles, key, city):
    assert pages[key].home_city == city
    assert {a.home_city for a in articles[key]} == {city}


def test_letterspaced_text_and_broken_lines_rejoined(articles):
    first = articles["000"][1]
    assert "和资源化利用的重要部署与工作要求" in first.body.text
    assert "近日，铁东区召开生活垃圾分类工作推进会议" in first.body.text
    assert "东北袜业园与皮尔卡丹签约" in [a.headline for a in articles["004"]]


def test_ascii_punctuation_unified(articles):
    text = articles["001"][0].body.text
    assert text.startswith("近年来，吉林伊通经济开发区")
    assert "," not in text and "(" not in text


def _same_modulo_normalisation(char: str, raw_char: str) -> bool:
    return char == raw_char or substitute(raw_char) == char or unicodedata.normalize("NFKC", raw_char) == char


def test_every_character_maps_back_to_the_raw_file(pages, articles):
    for key, arts in articles.items():
        raw = pages[key].raw
        for article in arts:
            for text in [article.body, *(t for _, t in article.titles)]:
                for i, char in enumerate(text.text):
                    raw_char = raw[text.offsets[i]]
                    if char in " \n" and raw_char != char:
                        continue  # a separator the segmenter inserted between lines or paragraphs
                    assert _same_modulo_normalisation(char, raw_char), (article.id, i, char, raw_char)
            spanned = "".join(substitute(raw[article.span[0]:article.span[1]]).split())
            assert spanned.startswith("".join(article.body.text[:5].split()))


def test_credit_spans_point_at_the_names(pages, articles):
    for key, arts in articles.items():
        raw = pages[key].raw
        for credit in (c for a in arts for c in a.credits):
            start, end = credit.span
            assert "".join(raw[start:end].split()).startswith(credit.name[:2]), credit


@pytest.mark.parametrize(("key", "headlines"), [
    ("000", ["工业稳增长 经济有活力", "建强宣传队伍 压实主体责任", "树立反诈意识 筑牢安全屏障",
             "提高群众法律意识 营造良好共治氛围", "普及法律知识 消除安全隐患", "强化防汛理念 保障生命安全"]),
    ("003", ["解放思想 深化改革 狠抓落实", "明确责任分工 层层抓好落实", "发挥部门职能作用 助推民营企业发展",
             "增强防灾意识 提高应急能力", "严守“三线”思维 拓展健康脱贫成果"]),
    ("004", ["市政府召开2019年第十次常务会议", "一周数据", "“12345”协调解决铁板脱落问题",
             "市城市管理行政执法局解决路灯不亮问题", "市住建局积极协调解决居民区断电问题",
             "我市各界有序筹备迎接城市节", "建设开放型区域经济", "东北袜业园与皮尔卡丹签约",
             "高位统筹 高效推进"]),
])
def test_every_story_gets_its_own_headline(articles, key, headlines):
    """000 and 004 print headlines after their bodies, 003 before: each story gets its own."""
    assert [a.headline for a in articles[key] if a.kind != "caption"] == headlines
