"""Layout lines → paragraphs: furniture dropped, titles marked, broken lines rejoined, captions.

A page's text comes as the lines a layout program printed. A blank-separated block made only of
short lines without sentence punctuation is a title block; any other line continues the line
before it unless that one ends a sentence, two or more blank lines separate them, or either is
a title, byline or credit line. Every per-line pattern runs once over the whole page (MULTILINE)
rather than once per line: narrow-column pages have a great many short lines.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from graphbuild.ingest import byline as bl
from graphbuild.ingest.furniture import BOX_LABEL_LINE, furniture_lines
from graphbuild.ingest.linescan import LinePattern
from graphbuild.ingest.normalize import CJK, is_letterspaced
from graphbuild.model import MappedText, Page

_SENTENCE_END = "。！？…"
_CLOSERS = "”’」』）"
_CAPTION_OPENING = r"^(?:图为|[上下左右]图[：:]|图[一二三四1-4]?[：:])"
_UNCREDITED_CAPTION = re.compile(_CAPTION_OPENING + r"[^\n]{4,150}[。！]$")


@dataclass(slots=True)
class Line:
    text: str
    start: int  # [start, end) in page.text
    end: int
    blanks: int  # blank lines just before it
    block: int  # id of its blank-separated block
    kind: str = "body"  # title | byline | credit | photo | capbody | reprint | signoff | label | body
    spaced: bool = False  # a title line letter-spaced in the raw file


@dataclass(slots=True)
class Para:
    text: MappedText
    kind: str  # title | byline | credit | photo | capbody | reprint | signoff | label | body | caption
    block: int
    credit: Para | None = None  # caption: its credit line




def _per_line(pattern: re.Pattern[str], needle: str | None = None) -> LinePattern:
    return LinePattern(pattern.pattern, pattern.flags, needle)


# Line kinds, lowest priority first (a later scan overrides an earlier one on the same line).
# Photo credits all contain 摄: only the few lines with one are tried.
_KIND_SCANS = (
    ("capbody", _per_line(bl.PHOTO_TAIL, needle="摄")),
    ("signoff", LinePattern("^" + bl.SIGNOFF.pattern)),
    ("reprint", _per_line(bl.REPRINT)),
    ("credit", _per_line(bl.CREDIT_LINE)),
    ("photo", _per_line(bl.PHOTO_LINE, needle="摄")),
    ("byline", _per_line(bl.BYLINE_START)),
    ("label", _per_line(BOX_LABEL_LINE)),
)


def _title_pattern(excluded: str) -> str:
    """Short, with none of the excluded characters but one inner colon (专访：…) and a final ！
    or ？, and some Chinese. Possessive repeats: giving characters back could never help a
    match here, and not trying halves the time of a page scan."""
    return (f"^(?=[^\\n]{{1,36}}+$)(?=[^\\n{CJK}]*+[{CJK}])"
            f"[^\\n{excluded}]*+(?:：[^\\n{excluded}]{{2,}}+)?[！？]?$")


# Short, no sentence punctuation; a title line proper has no comma either.
TITLE_LIKE = re.compile(_title_pattern("。！？；："), re.MULTILINE)
_TITLE_LINE = LinePattern(_title_pattern("。！？；：，"))
_CAPTION_START = re.compile(_CAPTION_OPENING)


def _line_kinds(text: str) -> dict[int, str]:
    """Start offset of each special line → its kind ("title?" for a title-like line that is of
    no other kind), from one regex scan per kind."""
    kinds = dict.fromkeys(_TITLE_LINE.line_starts(text), "title?")
    for kind, pattern in _KIND_SCANS:
        for start in pattern.line_starts(text):
            kinds[start] = kind
    return kinds


def _split_lines(page: Page) -> list[Line]:
    """Non-empty, non-furniture lines with their layout context."""
    text = page.text.text
    kinds = _line_kinds(text)
    furniture = furniture_lines(text)
    lines: list[Line] = []
    block = 0
    newlines = -1  # line breaks since the last line kept (a dropped furniture line counts as blank)
    end = -1
    for line in text.split("\n"):
        start = end + 1
        end = start + len(line)
        newlines += 1
        if not line or start in furniture:
            continue
        blanks = newlines - 1 if lines else 0
        newlines = 0
        if blanks:
            block += 1
        lines.append(Line(line, start, end, blanks, block, kinds.get(start, "body")))
    return lines


def _classify_lines(lines: list[Line], page: Page) -> None:
    """Title lines: a block opening with short unpunctuated lines (a headline may sit right
    above a byline or caption line in the same block, but a line after one continues it).
    Only blocks with a title-like line need a look, from their first such line on."""
    k = 0
    while k < len(lines):
        if lines[k].kind != "title?":
            k += 1
            continue
        block = lines[k].block
        end = k + 1
        while end < len(lines) and lines[end].block == block:
            end += 1
        _classify_block(lines[k:end], k == 0 or lines[k - 1].block != block, page)
        k = end


def _classify_block(tail: list[Line], opens_block: bool, page: Page) -> None:
    """tail: a block's lines from its first title-like one on. They are titles when they open
    the block and no title-like line follows the first other one, which is not body text."""
    heading = 0
    while heading < len(tail) and tail[heading].kind == "title?":
        heading += 1
    rest = tail[heading:]
    is_title = (opens_block and (not rest or rest[0].kind != "body")
                and all(ln.kind != "title?" for ln in rest))
    for ln in tail:
        if ln.kind == "title?":
            ln.kind = "title" if is_title else "body"
            ln.spaced = is_title and is_letterspaced(_raw_line(page, ln))


def _raw_line(page: Page, line: Line) -> str:
    offsets = page.text.offsets
    return page.raw[offsets[line.start]:offsets[line.end - 1] + 1]


def ends_sentence(s: str) -> bool:
    """Ends a sentence (possibly before a closing quote), or a story with a signoff (。（记者 李明））."""
    if not s:
        return False
    if s[-1] in _SENTENCE_END or (s[-1] in _CLOSERS and len(s) > 1 and s[-2] in _SENTENCE_END):
        return True
    return s[-1] == "）" and bl.closes_story(s)


def _continues(prev: Line, para_kind: str, line: Line) -> bool:
    if line.blanks >= 2:
        return False
    if para_kind == "title":
        return line.kind == "title" and line.block == prev.block and (
            (prev.spaced and line.spaced) or _couplet(prev.text, line.text))
    if para_kind not in ("body", "byline") or prev.kind == "capbody":
        return False
    if line.kind not in ("body", "capbody") or ends_sentence(prev.text):
        return False
    return not (line.blanks and _CAPTION_START.match(line.text))


def _couplet(first: str, second: str) -> bool:
    """Two short lines of one title block set as a couplet: 树立反诈意识 / 筑牢安全屏障."""
    short = max(len(first), len(second)) <= 8
    return short and " " not in first + second and abs(len(first) - len(second)) <= 1


def _mapped(page: Page, group: list[Line], title: bool) -> MappedText:
    """The lines' text joined; title lines that are not letter-spaced get a space between."""
    offsets = page.text.offsets
    if not title:
        out = offsets[group[0].start:group[0].end]
        for ln in group[1:]:
            out += offsets[ln.start:ln.end]
        return MappedText(group[0].text if len(group) == 1 else "".join([ln.text for ln in group]), out)
    out = array("q")
    parts: list[str] = []
    for k, ln in enumerate(group):
        if k and not (group[k - 1].spaced and ln.spaced):
            parts.append(" ")
            out.append(out[-1])
        parts.append(ln.text)
        out.extend(offsets[ln.start:ln.end])
    return MappedText("".join(parts), out)


def _paragraphs(lines: list[Line], page: Page) -> list[Para]:
    paras: list[Para] = []
    first = 0  # of the paragraph being gathered
    for k in range(1, len(lines)):
        if not _continues(lines[k - 1], lines[first].kind, lines[k]):
            paras.append(_para(page, lines[first:k]))
            first = k
    if lines:
        paras.append(_para(page, lines[first:]))
    _promote_comma_titles(paras)
    return paras


def _para(page: Page, group: list[Line]) -> Para:
    kind = "capbody" if group[-1].kind == "capbody" else group[0].kind
    return Para(_mapped(page, group, kind == "title"), kind, group[0].block)


def _title_like(s: str) -> bool:
    """Like a title line (commas allowed here: subtitles have them)."""
    return TITLE_LIKE.match(s) is not None


def _promote_comma_titles(paras: list[Para]) -> None:
    """A short line with a comma is a subtitle when titles precede it and a new item follows."""
    for i, p in enumerate(paras):
        if p.kind != "body" or not _title_like(p.text.text) or i == 0:
            continue
        after = paras[i + 1].kind if i + 1 < len(paras) else "end"
        if paras[i - 1].kind == "title" and after in ("byline", "credit", "title", "end"):
            p.kind = "title"


def with_captions(paras: list[Para]) -> list[Para]:
    """Fold photo credits into caption items; 图为… paragraphs are captions without credit."""
    items: list[Para] = []
    for p in paras:
        last = items[-1] if items else None
        if p.kind == "photo" and last and last.kind in ("body", "caption") and not (
                last.credit or bl.PHOTO_TAIL.search(last.text.text)):
            items[-1] = Para(last.text, "caption", last.block, credit=p)
        elif p.kind == "capbody" or (p.kind == "body" and _UNCREDITED_CAPTION.match(p.text.text)):
            items.append(Para(p.text, "caption", p.block))
        elif p.kind != "photo":
            items.append(p)
    return items




def paragraphs(page: Page) -> list[Para]:
    """The page's paragraphs after furniture removal and line rejoining (for inspection)."""
    lines = _split_lines(page)
    _classify_lines(lines, page)
    return _paragraphs(lines, page)
