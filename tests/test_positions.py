"""Titles governing names (find_titled_persons) and the holds_position facts built on them.

Every sentence here is written for the test; the names are invented.
"""

from __future__ import annotations

from array import array

import pytest

from graphbuild.extract import positions as holds
from graphbuild.extract.base import ArticleContext
from graphbuild.model import Article, MappedText, PartialDate, Sentence
from graphbuild.nlp.positions import find_titled_persons, find_titles


def titled(text: str) -> list[tuple[str, list[str]]]:
    return [(p.name, p.titles) for p in find_titled_persons(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("市委常委、副市长林志强、王建国出席会议。",
     [("林志强", ["市委常委", "副市长"]), ("王建国", ["市委常委", "副市长"])]),
    ("市委副书记、市长周立群讲话。", [("周立群", ["市委副书记", "市长"])]),
    ("常务副市长郑海涛，副市长赵晓红、钱立新、孙海波参加会议。",
     [("郑海涛", ["常务副市长"]), ("赵晓红", ["副市长"]), ("钱立新", ["副市长"]),
      ("孙海波", ["副市长"])]),
    ("市人大常委会副主任、经济开发区管委会主任孟凡林见证签约。",
     [("孟凡林", ["市人大常委会副主任", "经济开发区管委会主任"])]),
    ("青河区党工委书记韩冰主持会议。", [("韩冰", ["青河区党工委书记"])]),
    ("龙湖区文旅局副局长何晓东介绍情况。", [("何晓东", ["龙湖区文旅局副局长"])]),
    ("市长孙立平主持召开市政府常务会议。", [("孙立平", ["市长"])]),
    ("国务院副总理兼外长唐国华会见了客人。", [("唐国华", ["国务院副总理", "外长"])]),
])
def test_titles_govern_the_names_they_precede(text: str, expected: list) -> None:
    assert titled(text) == expected


@pytest.mark.parametrize("text", [
    "市委常委会召开会议，研究部署重点工作。",
    "全市各级党委书记要带头抓落实。",
    "委员会主任委员会议在会议中心举行。",
    "王建新同志强调，要压实责任。",  # a name without a title
    "市长，您好！",
])
def test_no_title_no_titled_person(text: str) -> None:
    assert titled(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("国防部长唐国华会见了客人。", [("唐国华", ["国防部长"])]),  # 国防部 + 部长 share 部
    ("四平市第一中学校长邵立文出席。", [("邵立文", ["四平市第一中学校长"])]),
    ("市长助理、市公安局局长武建新通报情况。", [("武建新", ["市长助理", "市公安局局长"])]),
    ("高新区管委会主任于洪波陪同调研。", [("于洪波", ["高新区管委会主任"])]),
    ("省委常委、延边州委书记高云峰讲话。", [("高云峰", ["省委常委", "延边州委书记"])]),
    ("长春新区管委会副主任王德民说。", [("王德民", ["长春新区管委会副主任"])]),
    ("全国政协副主席孙立平出席。", [("孙立平", ["全国政协副主席"])]),
    ("代市长王海涛主持会议。", [("王海涛", ["代市长"])]),  # a modifier joins the title
    ("军区副总参谋长熊大海讲话。", [("熊大海", ["军区副总参谋长"])]),
])
def test_titles_compose_from_organisation_words(text: str, expected: list) -> None:
    assert titled(text) == expected


def test_former_posts_are_not_held() -> None:
    assert titled("原市委书记王大海、前国防部长李小明、时任市长赵天明出席。") == []


def test_a_post_one_person_holds_is_not_shared_along_a_list() -> None:
    assert titled("市委书记王大海、李小明等市领导出席。") == [("王大海", ["市委书记"])]


def test_a_comma_ends_a_shared_title() -> None:
    text = "副市长吴海燕，陈立军参加。"
    assert titled(text) == [("吴海燕", ["副市长"])]


def test_title_spans_point_at_the_titles() -> None:
    text = "市委副书记、市长周立群讲话。"
    [person] = find_titled_persons(text)
    assert [text[s:e] for s, e in person.title_spans] == person.titles
    assert text[person.start:person.end] == person.name


def test_find_titles_keeps_the_organisation_prefix() -> None:
    text = "龙湖区文旅局副局长何晓东、市人大常委会副主任孟凡林"
    assert [text[s:e] for s, e in find_titles(text)] == ["龙湖区文旅局副局长", "市人大常委会副主任"]


def _context(*texts: str) -> ArticleContext:
    def mapped(text: str) -> MappedText:
        return MappedText(text, array("q", range(len(text))))

    article = Article(doc="page.txt", id="page.txt#0", index=0, kind="article", titles=[],
                      body=mapped("".join(texts)), date=PartialDate(2021, 5, 6))
    sentences = [Sentence(article.id, i, mapped(t)) for i, t in enumerate(texts)]
    return ArticleContext(article, sentences)


def test_holds_position_facts_one_per_person_and_title() -> None:
    ctx = _context("市委常委、副市长林志强、王建国出席会议。", "副市长林志强讲话。")
    facts = holds.extract(ctx)
    assert [(f.s, f.o) for f in facts] == [
        ("林志强", "市委常委"), ("林志强", "副市长"), ("王建国", "市委常委"), ("王建国", "副市长")]
    assert {(f.s_type, f.p, f.o_type) for f in facts} == {("Person", "holds_position", "Position")}
    assert [f.evidence.rule for f in facts] == [holds.RULE_CHAINED, holds.RULE_CHAINED,
                                                holds.RULE_SHARED, holds.RULE_SHARED]
    assert all(f.q == {"date": "2021-05-06"} for f in facts)


def test_holds_position_evidence_covers_title_and_name() -> None:
    ctx = _context("会上，龙湖区文旅局副局长何晓东介绍情况。")
    [fact] = holds.extract(ctx)
    assert fact.evidence.rule == holds.RULE_DIRECT
    assert ctx.sentences[0].text.text[fact.evidence.start:fact.evidence.end] == "龙湖区文旅局副局长何晓东"


def test_holds_position_reuses_the_person_mentions_it_is_given() -> None:
    from graphbuild.model import Mention

    ctx = _context("会议开始。", "副市长吴海燕、陈立军出席。")
    ctx.mentions = [[], [Mention("Person", "吴海燕", 3, 6), Mention("Person", "陈立军", 7, 10)]]
    facts = holds.extract(ctx)
    assert [(f.s, f.o, f.evidence.sentence) for f in facts] == [("吴海燕", "副市长", 1),
                                                               ("陈立军", "副市长", 1)]
    text = ctx.sentences[1].text.text
    assert text[facts[1].evidence.start:facts[1].evidence.end] == "副市长吴海燕、陈立军"


def test_holds_position_ignores_sentences_without_titled_names() -> None:
    assert holds.extract(_context("全市各级党委书记要带头。", "王建新同志强调，要压实责任。")) == []
