"""Page furniture: lines that belong to the page, not to any article.

Every pattern runs once over the whole normalised page (MULTILINE), which is much cheaper than
testing each of a narrow-column page's many short lines in Python.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from graphbuild.ingest.byline import EDITORS_LINE, parse_credit_list
from graphbuild.ingest.dates import MASTHEAD
from graphbuild.ingest.linescan import LinePattern
from graphbuild.model import Credit, MappedText


def _spaced_words(*words: str) -> str:
    """Alternation of words whose characters may be letter-spaced: 导 读."""
    return "|".join(" ?".join(map(re.escape, w)) for w in words)


_LABELS = ("要闻", "广告", "公告")
# Box labels: a label names the block it is printed with (before it, or after it as headlines
# are), so it is not dropped with the furniture but delimits that block (`segment`, kind digest).
DATA_LABELS = ("一周数据", "本周数据", "数据", "数字", "一周数字")  # boxes of figures
BOX_LABELS = (*DATA_LABELS, "导读", "本期导读", "图片新闻", "新闻速递", "简讯", "快讯", "短讯")
DATA_LABEL = re.compile(rf"^[■□●◆▲★]? *(?:{_spaced_words(*DATA_LABELS)})$")
BOX_LABEL_LINE = re.compile(rf"^[■□●◆▲★]? *(?:{_spaced_words(*BOX_LABELS)})$", re.MULTILINE)
# Furniture lines, one pattern per literal its lines need (a page number's 版, a masthead's 年)
# so that each is tried on few lines; the rest are tried at every line start.
_FURNITURE = (
    LinePattern("|".join([
        rf"{EDITORS_LINE.pattern}[^\n]*$",
        r"^(?:电子邮箱|电子信箱|邮箱|投稿邮箱|E-?mail)[^\n]*$",
        rf"^(?:{_spaced_words(*_LABELS)})$",
        r"^([^\s]{3,16})\1$",  # section banners are printed twice: 现场督办进行时现场督办进行时
    ]), re.IGNORECASE),
    LinePattern("|".join([
        r"^(?:第 ?\d+ ?版|[A-Z]?\d{1,2} ?版|第[一二三四五六七八九十]+版)$",
        # digest entries pointing elsewhere: ● 我市召开…会议 2版 / …（第三版）
        r"^[^\n]{2,40}?[ （]第?[一二三四五六七八九十\d]{1,2} ?版）?$",
    ]), re.IGNORECASE, needle="版"),
    LinePattern(MASTHEAD.pattern, re.IGNORECASE, needle="年"),
)
COUNTDOWN_START = LinePattern(r"^距[^\n]{1,20}$")
COUNTDOWN_END = LinePattern(r"^[^\n]{0,20}还有 *\d+ *天$", needle="还有")
_COUNTDOWN_SPAN = 60  # characters from 距 to 天
_EDITORS_LINE = LinePattern(rf"{EDITORS_LINE.pattern}[^\n]*$")


def furniture_lines(text: str) -> set[int]:
    """Start offsets (in text) of the lines that are page furniture."""
    starts = {start for pattern in _FURNITURE for start in pattern.line_starts(text)}
    openers = COUNTDOWN_START.line_starts(text)
    for end in COUNTDOWN_END.line_starts(text):
        # a countdown box (距首届 / “…节” / 还有 7 天) spans a few short lines
        k = bisect_right(openers, end)
        if k and end - openers[k - 1] <= _COUNTDOWN_SPAN:
            starts.add(openers[k - 1])
            pos = text.find("\n", openers[k - 1])
            while pos != -1 and pos < end:
                starts.add(pos + 1)
                pos = text.find("\n", pos + 1)
    return starts


def editors(text: MappedText) -> list[Credit]:
    """本版编辑 辛宏 王森 本版校对 刘铁铮 → editor and proofreader credits, from anywhere on the page."""
    found: list[Credit] = []
    for start, end in _EDITORS_LINE.spans(text.text):
        found += parse_credit_list(text, start, end, "editor")
    return found
