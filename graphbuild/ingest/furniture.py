"""Page furniture: lines that belong to the page, not to any article.

Every pattern runs once over the whole normalised page (MULTILINE), which is much cheaper than
testing each of a narrow-column page's many short lines in Python.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from graphbuild.ingest.byline import EDITORS_LINE, parse_credit_list
from graphbuild.ingest.dates import MASTHEAD
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
FURNITURE = re.compile(
    "|".join([
        rf"{EDITORS_LINE.pattern}[^\n]*$",
        r"^(?:电子邮箱|电子信箱|邮箱|投稿邮箱|E-?mail)[^\n]*$",
        rf"^(?:{_spaced_words(*_LABELS)})$",
        r"^([^\s]{3,16})\1$",  # section banners are printed twice: 现场督办进行时现场督办进行时
        r"^(?:第 ?\d+ ?版|[A-Z]?\d{1,2} ?版|第[一二三四五六七八九十]+版)$",
        # digest entries pointing elsewhere: ● 我市召开…会议 2版 / …（第三版）
        r"^[^\n]{2,40}?[ （]第?[一二三四五六七八九十\d]{1,2} ?版）?$",
        MASTHEAD.pattern,
    ]),
    re.MULTILINE | re.IGNORECASE)
COUNTDOWN_START = re.compile(r"^距[^\n]{1,20}$", re.MULTILINE)
COUNTDOWN_END = re.compile(r"^[^\n]{0,20}还有 *\d+ *天$", re.MULTILINE)
_COUNTDOWN_SPAN = 60  # characters from 距 to 天


def furniture_lines(text: str) -> set[int]:
    """Start offsets (in text) of the lines that are page furniture."""
    starts = {m.start() for m in FURNITURE.finditer(text)}
    openers = [m.start() for m in COUNTDOWN_START.finditer(text)]
    for end in COUNTDOWN_END.finditer(text):
        # a countdown box (距首届 / “…节” / 还有 7 天) spans a few short lines
        k = bisect_right(openers, end.start())
        if k and end.start() - openers[k - 1] <= _COUNTDOWN_SPAN:
            starts.add(openers[k - 1])
            pos = text.find("\n", openers[k - 1])
            while pos != -1 and pos < end.start():
                starts.add(pos + 1)
                pos = text.find("\n", pos + 1)
    return starts


def editors(text: MappedText) -> list[Credit]:
    """本版编辑 辛宏 王森 本版校对 刘铁铮 → editor and proofreader credits, from anywhere on the page."""
    found: list[Credit] = []
    for m in re.finditer(rf"{EDITORS_LINE.pattern}[^\n]*$", text.text, re.MULTILINE):
        found += parse_credit_list(text, m.start(), m.end(), "editor")
    return found
