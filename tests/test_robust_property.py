"""Random text never breaks ingestion or extraction, and every span maps back (issue 8).

Hypothesis writes pages mixing CJK, ASCII and full-width punctuation, whitespace of every kind,
digits and fragments of the house style (bylines, furniture, kickers) to a temporary file, as
well as random bytes and real pages with random damage (inserted breaks, cut text, repeats); the
stages must either read them or refuse them with an InputError, never raise anything else, and
every offset they report must point at the same letters in the decoded file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graphbuild.model import InputError
from tests.test_robust_support import (
    SEED_FILES,
    article_errors,
    call_stage,
    extraction_errors,
    mapped_text_errors,
    stage,
)

CJK = "四平辽源市委书记王相民陈德明铁东区召开会议主持出席强调指出项目投资亿元万签约博览会开幕张莹雨汪琳"
PUNCT = "，。、；：？！…—“”‘’《》（）【】·,.;:?!()[]\"'-/%"
SPACES = " \u3000\t\n\n\r\n\u00a0"
DIGITS = "0123456789０１２３４５６７８９一二三四五六七八九十百千"
WIDE = "ＡＢＣａｂｃ＋－＝％＃＆"
CONTENT = ["市委书记王相民主持召开会议。", "签约项目12个，总投资35.6亿元。"]  # never furniture
FRAGMENTS = [
    *CONTENT, "本报讯（记者 汪琳 王彦\n雨）", "本报通讯员 李照星", "（记者 张宪双）", "本报记者 张舰 摄",
    "实习生 闫书御琳", "（热线轩）", "本版编辑 王茵 本版校对 孙莹", "（下转二版）", "——铁东区发展综述",
    "\n\n", "和 资 源 化 利 用", "2023年8月29日", "8月20日", "电子邮箱：abc@163.com", "一周数据",
    "第十五届中国-东北亚博览会",
]
random_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=CJK + PUNCT + SPACES + DIGITS + WIDE,
                                                  max_size=40)),
    max_size=60,
).map("".join)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_bytes_as_page(data: bytes):
    """read_page on a temporary file holding `data`: a Page, or None if refused with InputError."""
    read_page = stage("graphbuild.ingest", "read_page")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random_page.txt"
        path.write_bytes(data)
        try:
            return call_stage(read_page, path)
        except InputError as err:
            assert "random_page.txt" in str(err) and "\n" not in str(err)
            return None


def _also_utf8(data: bytes, text: str) -> bool:
    try:
        return data.decode("utf-8") != text
    except UnicodeDecodeError:
        return False


def ingest_errors(page) -> tuple[list, list[str]]:
    articles = call_stage(stage("graphbuild.ingest", "segment"), page)
    errors = mapped_text_errors(page.raw, page.text, "page")
    for article in articles:
        errors += article_errors(page.raw, article)
    return articles, errors


@PROPERTY
@given(random_text)
def test_random_text_is_ingested_and_every_span_maps_back(text):
    page = read_bytes_as_page(text.encode("utf-8"))
    if page is None:
        # furniture alone (下转二版, 本版编辑…) may leave nothing to read; real sentences must not
        assert not any(sentence in text for sentence in CONTENT), "a page with sentences was refused"
        return
    assert page.raw == text
    _, errors = ingest_errors(page)
    assert errors == []


@PROPERTY
@given(random_text, st.sampled_from(["gb18030", "utf-16", "utf-8-sig"]))
def test_random_text_in_other_encodings_decodes_to_itself(text, encoding):
    data = text.encode(encoding)
    assume(not _also_utf8(data, text))  # bytes that are valid UTF-8 too are truly ambiguous
    page = read_bytes_as_page(data)
    if page is not None:
        assert page.raw.removeprefix("\ufeff") == text


@PROPERTY
@given(st.binary(max_size=3000))
def test_random_bytes_are_read_or_refused_in_one_line(data):
    page = read_bytes_as_page(data)
    if page is not None:
        assert ingest_errors(page)[1] == []


@PROPERTY
@given(random_text)
def test_random_text_is_extracted_and_evidence_maps_back(text):
    extract_article = stage("graphbuild.extract", "extract_article")
    page = read_bytes_as_page(text.encode("utf-8"))
    if page is None:
        return
    articles, _ = ingest_errors(page)
    for article in articles:
        assert extraction_errors(page.raw, call_stage(extract_article, article)) == []


SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEED_FILES]
edit = st.tuples(st.floats(0, 1), st.sampled_from(["insert", "delete", "duplicate"]),
                 st.sampled_from(["\n", " ", "\u3000", "\n\n", "本报讯（记者 ", "）", "——", "\ufffd"]))


def apply_edits(text: str, edits: list[tuple[float, str, str]]) -> str:
    """Real pages damaged the way OCR and layout exports damage them."""
    for where, kind, piece in edits:
        i = int(where * len(text))
        if kind == "insert":
            text = text[:i] + piece + text[i:]
        elif kind == "delete":
            text = text[:i] + text[i + 7:]
        else:
            text = text[:i] + text[i:i + 40] + text[i:]
    return text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEED_TEXTS))), st.lists(edit, max_size=30))
def test_damaged_real_pages_are_read_and_extracted_with_spans_that_map_back(which, edits):
    extract_page = stage("graphbuild.extract", "extract_page")
    text = apply_edits(SEED_TEXTS[which], edits)
    page = read_bytes_as_page(text.encode("utf-8"))
    assert page is not None and page.raw == text
    articles, errors = ingest_errors(page)
    assert errors == []
    for extraction in call_stage(extract_page, page, articles):
        assert extraction_errors(page.raw, extraction) == []
