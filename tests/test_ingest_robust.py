"""Property tests: any text segments without error, and every character maps back."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.ingest import segment
from graphbuild.ingest.normalize import normalize_page, substitute
from graphbuild.model import Page

PIECES = ["本报讯（记者 ", "通讯员 ", "）", "（", "摄", " ", "\n", "\n\n", "\n\n\n", "。", "，", ",", "(",
          "——", "本报记者 ", "（热线轩）", "本版编辑 ", "（下转二版）", "距", "还有 7 天", "8月29日",
          "铁东区", "辽源", "会议", "强调", "２０", "　", "\r\n", "“", "”", "图为", "开发区",
          "《吉林日报》评论员", "（转自《吉林日报》）", "现场现场现场现场"]
WORDS = st.text(alphabet="东西南北中人民会议工作的了", max_size=6)
page_text = st.lists(st.one_of(st.sampled_from(PIECES), WORDS), max_size=60).map("".join)


def make_page(raw: str) -> Page:
    return Page(doc="p.txt", path="p.txt", raw=raw, encoding="utf-8", text=normalize_page(raw))


def maps_back(char: str, raw_char: str) -> bool:
    return char == raw_char or substitute(raw_char) == char or unicodedata.normalize("NFKC", raw_char) == char


@settings(max_examples=150, deadline=None)
@given(page_text)
def test_any_page_segments_and_maps_back(raw):
    page = make_page(raw)
    for article in segment(page):
        assert article.id == f"p.txt#{article.index}"
        for text in [article.body, *(t for _, t in article.titles)]:
            assert len(text.offsets) == len(text.text)
            for char, offset in zip(text.text, text.offsets, strict=True):
                assert 0 <= offset < len(raw)
                assert maps_back(char, raw[offset]) or char in " \n", (char, raw[offset])
        for credit in article.credits:
            assert 0 <= credit.span[0] <= credit.span[1] <= len(raw)


@settings(max_examples=150, deadline=None)
@given(page_text)
def test_normalisation_keeps_order_and_maps_back(raw):
    mapped = normalize_page(raw)
    assert list(mapped.offsets) == sorted(set(mapped.offsets))
    assert all(maps_back(c, raw[o]) for c, o in zip(mapped.text, mapped.offsets, strict=True))


def test_a_huge_single_line_page():
    raw = "本报讯（记者 李明）近日，东丰县召开会议，部署工作。" * 20_000
    page = make_page(raw)
    (article,) = segment(page)
    assert len(article.body) == len(raw) - 10
