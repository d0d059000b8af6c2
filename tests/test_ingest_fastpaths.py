"""Ingestion's fast paths give exactly what the plain formulation they replace gives."""

from __future__ import annotations

import random
import re

import pytest

from graphbuild.ingest import byline as bl
from graphbuild.ingest import decode, homecity, normalize
from graphbuild.ingest.dates import MASTHEAD
from graphbuild.ingest.furniture import BOX_LABEL_LINE
from graphbuild.ingest.linescan import LinePattern, lines_with

# Pieces that make the line patterns match, fail late, or sit at line edges.
_PIECES = ["摄", "本报记者 李明 摄", "（记者 张三 摄）", "李明 摄", "。", "”", "）", "（", "版", "2版",
           "第三版", "2019年8月30日 星期五", "年", "本版编辑 王一", "编辑：", "日报社", "四平日报社",
           "吉林日报社日报社", "本报讯", "（记者 李明）", "（转自《人民日报", "》）", "《吉林日报》评论员",
           "一周数据", "导 读", "还有 7 天", "距", "甲", "乙丙", "abc", "E", " ", "  ", "\n", "\n", "\n\n",
           "，", "：", "！"]


def _texts(count: int = 300, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    texts = ["", "\n", "摄", "\n摄\n", "版\n", "日报社", "甲乙日报社日报社", "一二三日报社四五日报社"]
    texts += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40))) for _ in range(count)]
    return texts


def _plain_line_starts(pattern: str, flags: int, text: str) -> list[int]:
    """What the fast scans replace: the pattern over the whole text, each match's line start."""
    return [text.rfind("\n", 0, m.start()) + 1 for m in re.finditer(pattern, text, flags | re.MULTILINE)]


_SCANNED = [
    (bl.PHOTO_TAIL.pattern, 0, "摄"),
    (bl.PHOTO_LINE.pattern, 0, "摄"),
    ("^" + bl.SIGNOFF.pattern, 0, None),
    (bl.REPRINT.pattern, 0, None),
    (bl.CREDIT_LINE.pattern, 0, None),
    (bl.BYLINE_START.pattern, 0, None),
    (BOX_LABEL_LINE.pattern, 0, None),
    (MASTHEAD.pattern, re.IGNORECASE, "年"),
    (r"^[^\n]{2,40}?[ （]第?[一二三四五六七八九十\d]{1,2} ?版）?$", re.IGNORECASE, "版"),
    (r"^([^\s]{3,16})\1$", re.IGNORECASE, None),
    (rf"{bl.EDITORS_LINE.pattern}[^\n]*$", 0, None),
]


@pytest.mark.parametrize(("pattern", "flags", "needle"), _SCANNED)
def test_line_patterns_find_the_lines_a_whole_text_scan_finds(pattern, flags, needle):
    scan = LinePattern(pattern, flags, needle)
    whole = re.compile(pattern, flags | re.MULTILINE)
    for text in _texts():
        assert scan.line_starts(text) == _plain_line_starts(pattern, flags, text), text
        if needle is None:
            assert list(scan.spans(text)) == [m.span() for m in whole.finditer(text)], text
        first, expected = scan.first(text), whole.search(text)
        assert (first and first.span()) == (expected and expected.span()), text


def test_unanchored_line_pattern_needs_a_needle():
    with pytest.raises(ValueError):
        LinePattern("摄$")


def test_lines_with_a_needle():
    assert list(lines_with("甲\n乙摄丙摄\n\n摄", "摄")) == [(2, 6), (8, 9)]
    assert list(lines_with("甲\n乙", "摄")) == []


def test_own_paper_names_match_a_whole_text_scan():
    for text in _texts():
        expected = [m.group(1) for m in homecity._OWN_PAPER.finditer(text)]
        assert homecity._own_paper_names(text) == expected, text


def test_binary_sniffing_counts_control_bytes():
    rng = random.Random(5)
    for _ in range(200):
        head = bytes(rng.choice([9, 10, 13, 27, 1, 31, 32, 65, 200]) for _ in range(rng.randint(0, 400)))
        controls = sum(1 for b in head if b < 9 or 13 < b < 32)
        expected = b"\x00" in head or controls > len(head) // 100 + 2
        assert decode._looks_binary(head) == expected


def test_offset_ranges_beyond_the_shared_map(monkeypatch):
    monkeypatch.setattr(normalize, "_IDENTITY_CAP", 8)
    monkeypatch.setattr(normalize, "_identity", normalize.array("q"))
    assert normalize._offset_range(2, 5).tolist() == [2, 3, 4]
    assert normalize._offset_range(6, 12).tolist() == list(range(6, 12))
    assert len(normalize._identity) == 8
    assert normalize._offset_range(0, 0).tolist() == []


def test_normalised_offsets_round_trip():
    for text in _texts(seed=9):
        raw = text.replace("甲", " 甲 乙 丙 ").replace("E", "Ｅ")
        mapped = normalize.normalize_page(raw)
        assert len(mapped.offsets) == len(mapped.text)
        assert list(mapped.offsets) == sorted(set(mapped.offsets))
        kept = normalize.substitute(raw)
        assert "".join(kept[o] for o in mapped.offsets) == mapped.text


def _old_title_like() -> re.Pattern[str]:
    """The title-line pattern as first written, with backtracking repeats."""
    from graphbuild.ingest.normalize import CJK

    return re.compile(f"^(?=[^\\n]{{1,36}}$)(?=[^\\n]*[{CJK}])"
                      "[^\\n。！？；：]*(?:：[^\\n。！？；：]{2,})?[！？]?$", re.MULTILINE)


def test_title_patterns_match_the_backtracking_original():
    from graphbuild.ingest import layout

    old = _old_title_like()
    rng = random.Random(11)
    pieces = ["甲", "乙", "a", " ", "，", "：", "！", "？", "。", "；", "\n", "专访：",
              "一二三四五六七八九十"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert layout._title_like(text) == (old.match(text) is not None), text
        expected = [m.start() for m in old.finditer(text) if "，" not in m.group()]
        assert layout._TITLE_LINE.line_starts(text) == expected, text


def _reassign_trailing_as_first_written(units) -> None:
    from graphbuild.ingest.segment import _REASSIGN_WINDOW, _bigrams, _untitled

    leads = [set(_bigrams(u.lead)) for u in units]
    for k, unit in enumerate(units):
        for title in list(unit.trailing):
            grams = set(_bigrams(title.text.text))
            if not grams:
                continue
            own = len(grams & leads[k]) / len(grams)
            window = range(max(0, k - _REASSIGN_WINDOW), min(len(units), k + _REASSIGN_WINDOW))
            candidates = [j for j in window if j != k and _untitled(units[j])]
            best = max(candidates, key=lambda j: len(grams & leads[j]), default=None)
            if best is None:
                continue
            score = len(grams & leads[best]) / len(grams)
            if score >= 0.5 and score - own >= 0.2:
                unit.trailing.remove(title)
                units[best].trailing.append(title)


def _random_units(seed: float) -> list:
    from array import array

    from graphbuild.ingest.layout import Para
    from graphbuild.ingest.segment import _Unit
    from graphbuild.model import MappedText

    def para(text: str, kind: str) -> Para:
        return Para(MappedText(text, array("q", range(len(text)))), kind, 0)

    rng = random.Random(seed)
    words = ["东丰县", "召开", "防火", "会议", "丰收节", "农民", "举办", "民生热线", "乡镇", "压实责任"]
    units = []
    for _ in range(rng.randint(1, 12)):
        unit = _Unit(kind=rng.choice(["article", "article", "caption"]))
        unit.paras = [para("".join(rng.choices(words, k=rng.randint(0, 8))), "body")
                      for _ in range(rng.randint(0, 2))]
        unit.titles = [para(rng.choice(words), "title") for _ in range(rng.randint(0, 1))]
        unit.trailing = [para("".join(rng.choices(words, k=rng.randint(1, 3))), "title")
                         for _ in range(rng.randint(0, 2))]
        units.append(unit)
    return units


def test_trailing_titles_move_as_first_written():
    from graphbuild.ingest.segment import _reassign_trailing

    def trailing(units) -> list[list[str]]:
        return [[t.text.text for t in u.trailing] for u in units]

    moved = 0
    for seed in range(300):
        fast, plain = _random_units(seed), _random_units(seed)
        _reassign_trailing(fast)
        _reassign_trailing_as_first_written(plain)
        assert trailing(fast) == trailing(plain)
        moved += trailing(fast) != trailing(_random_units(seed))
    assert moved > 10  # the cases do exercise moves


def _substitute_as_first_written(raw: str) -> str:
    text = raw if "\n" in raw or "\r" not in raw else raw.replace("\r", "\n")
    for char in set(normalize._TABLE_CHARS.findall(text)):
        text = text.replace(char, normalize._TABLE[ord(char)])
    if "," in text:
        text = normalize._COMMA.sub("，", text)
    if ":" in text:
        text = normalize._COLON.sub("：", text)
    return text


def test_substitution_matches_the_first_formulation():
    rng = random.Random(17)
    pieces = ["甲", "1", "２", ",", ":", "，", "(", ")", "\u3000", "\t", "\r", "\n", "Ａ", "a", " ",
              "％", "!"]
    for _ in range(3000):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert normalize.substitute(raw) == _substitute_as_first_written(raw), raw


def test_similarity_is_the_share_of_title_bigrams_in_the_lead():
    from graphbuild.ingest.segment import similarity

    def bigrams(s: str) -> set[str]:
        s = re.sub(r"\W+", "", s)
        return {s[i:i + 2] for i in range(len(s) - 1)}

    rng = random.Random(19)
    pieces = ["东丰", "县", "召开", "会议", "，", "。", " ", "丰收", "a", "1", "—"]
    for _ in range(2000):
        title = "".join(rng.choices(pieces, k=rng.randint(0, 6)))
        lead = "".join(rng.choices(pieces, k=rng.randint(0, 30)))
        t = bigrams(title)
        assert similarity(title, lead) == (len(t & bigrams(lead)) / len(t) if t else 0.0)
