"""Page → articles: rejoin layout lines into paragraphs, find titles, bylines, captions.

The page text comes as layout lines. The steps:
1. drop page furniture (editors line, e-mail, box labels, banners, countdowns);
2. mark blank-separated blocks made only of short unpunctuated lines as titles;
3. rejoin lines into paragraphs: a line continues the previous one unless that one ends a
   sentence, a blank-line gap is wide (two or more), or either line is a title/credit/byline;
4. photo captions: the paragraph before a '… 摄' credit line, or one ending with it;
5. decide whether this page prints headlines before or after their bodies (title runs at the end
   of the page, and which neighbour body a title run shares the most words with);
6. assemble articles: a byline (本报讯…) or a feature credit line starts one, title runs attach
   according to 5, a feature header without body adopts the first body that has no byline.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

from graphbuild.ingest import byline as bl
from graphbuild.ingest.dates import article_date
from graphbuild.ingest.furniture import furniture_lines
from graphbuild.ingest.normalize import CJK, is_letterspaced
from graphbuild.model import Article, Credit, MappedText, Page

_SENTENCE_END = "。！？…"
_CLOSERS = "”’」』）"
_LEAD_IN = re.compile(r"(?:强调|指出|表示|要求|提出|时说|寄语|倡议)$")
_SIMILARITY_MARGIN = 0.15
_LEAD_CHARS = 200
_HEADLINE_ECHO = 0.5  # share of a title's bigrams found in its own lead: surely its headline
_WEAK_ECHO = 0.2  # enough when the story still lacks a headline
_REASSIGN_WINDOW = 16  # units either side where a misplaced headline's body may be


@dataclass(slots=True)
class _Line:
    text: str
    start: int  # [start, end) in page.text
    end: int
    blanks: int  # blank lines just before it
    block: int  # id of its blank-separated block
    kind: str = "body"  # title | byline | credit | photo | capbody | reprint | signoff | body
    spaced: bool = False  # a title line letter-spaced in the raw file


@dataclass(slots=True)
class _Para:
    text: MappedText
    kind: str  # title | byline | credit | photo | capbody | reprint | signoff | body | caption
    block: int
    credit: _Para | None = None  # caption: its credit line


@dataclass(slots=True)
class _Unit:
    kind: str = "article"
    titles: list[_Para] = field(default_factory=list)
    trailing: list[_Para] = field(default_factory=list)  # titles printed after the body
    paras: list[_Para] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    header: bool = False  # started by a feature credit line

    @property
    def lead(self) -> str:
        return "".join(p.text.text for p in self.paras)[:_LEAD_CHARS]


# --------------------------------------------------------------------------------------------
# lines and paragraphs
# --------------------------------------------------------------------------------------------


def _multiline(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern, re.MULTILINE)


# Line kinds, lowest priority first (a later scan overrides an earlier one on the same line).
_KIND_SCANS = (
    ("capbody", _multiline(bl.PHOTO_TAIL)),
    ("signoff", re.compile(r"^（[\u4e00-\u9fff]{2,5}）$", re.MULTILINE)),
    ("reprint", _multiline(bl.REPRINT)),
    ("credit", _multiline(bl.CREDIT_LINE)),
    ("photo", _multiline(bl.PHOTO_LINE)),
    ("byline", _multiline(bl.BYLINE_START)),
)
# Short, no sentence punctuation; one inner colon (专访：…) and a final ！ or ？ are allowed.
_TITLE_LIKE = re.compile(
    f"^(?=[^\\n]{{1,36}}$)(?=[^\\n]*[{CJK}])"
    "[^\\n。！？；：]*(?:：[^\\n。！？；：]{2,})?[！？]?$", re.MULTILINE)
_LINE = re.compile(r"[^\n]+")


def _line_kinds(text: str) -> dict[int, str]:
    """Start offset of each special line → its kind, from one regex scan per kind."""
    kinds: dict[int, str] = {}
    for kind, pattern in _KIND_SCANS:
        for m in pattern.finditer(text):
            kinds[text.rfind("\n", 0, m.start()) + 1] = kind
    return kinds


def _split_lines(page: Page) -> list[_Line]:
    """Non-empty, non-furniture lines with their layout context."""
    text = page.text.text
    kinds = _line_kinds(text)
    titles = {m.start() for m in _TITLE_LIKE.finditer(text) if "，" not in m.group()}
    furniture = furniture_lines(text)
    lines: list[_Line] = []
    block, prev_end = 0, -1
    for m in _LINE.finditer(text):
        start, end = m.span()
        if start in furniture:
            continue
        blanks = text.count("\n", prev_end, start) - 1 if prev_end >= 0 else 0
        prev_end = end
        if blanks and lines:
            block += 1
        kind = kinds.get(start, "title?" if start in titles else "body")
        lines.append(_Line(m.group(), start, end, blanks, block, kind))
    return lines


def _classify_lines(lines: list[_Line], page: Page) -> None:
    """Title lines: a block opening with short unpunctuated lines (a headline may sit right
    above a byline or caption line in the same block, but a line after one continues it)."""
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].block == lines[start].block:
            end += 1
        members = lines[start:end]
        first_special = next((i for i, ln in enumerate(members) if ln.kind not in ("body", "title?")),
                             len(members))
        is_title = all(ln.kind == "title?" for ln in members[:first_special]) and all(
            ln.kind != "title?" for ln in members[first_special:])
        for ln in members:
            if ln.kind == "title?":
                ln.kind = "title" if is_title else "body"
                ln.spaced = is_title and is_letterspaced(_raw_line(page, ln))
        start = end


def _raw_line(page: Page, line: _Line) -> str:
    offsets = page.text.offsets
    return page.raw[offsets[line.start]:offsets[line.end - 1] + 1]


def _ends_sentence(s: str) -> bool:
    if not s:
        return False
    return s[-1] in _SENTENCE_END or (s[-1] in _CLOSERS and len(s) > 1 and s[-2] in _SENTENCE_END)


def _continues(prev: _Line, para_kind: str, line: _Line) -> bool:
    if line.blanks >= 2:
        return False
    if para_kind == "title":
        return line.kind == "title" and line.block == prev.block and (
            (prev.spaced and line.spaced) or _couplet(prev.text, line.text))
    if para_kind not in ("body", "byline") or prev.kind == "capbody":
        return False
    return line.kind in ("body", "capbody") and not _ends_sentence(prev.text)


def _couplet(first: str, second: str) -> bool:
    """Two short lines of one title block set as a couplet: 树立反诈意识 / 筑牢安全屏障."""
    short = max(len(first), len(second)) <= 8
    return short and " " not in first + second and abs(len(first) - len(second)) <= 1


def _mapped(page: Page, group: list[_Line], title: bool) -> MappedText:
    """The lines' text joined; title lines that are not letter-spaced get a space between."""
    offsets = page.text.offsets
    out = array("q")
    parts: list[str] = []
    for k, ln in enumerate(group):
        if title and k and not (group[k - 1].spaced and ln.spaced):
            parts.append(" ")
            out.append(out[-1])
        parts.append(ln.text)
        out.extend(offsets[ln.start:ln.end])
    return MappedText("".join(parts), out)


def _paragraphs(lines: list[_Line], page: Page) -> list[_Para]:
    paras: list[_Para] = []
    group: list[_Line] = []

    def flush() -> None:
        if group:
            kind = "capbody" if group[-1].kind == "capbody" else group[0].kind
            paras.append(_Para(_mapped(page, group, kind == "title"), kind, group[0].block))

    for ln in lines:
        if group and _continues(group[-1], group[0].kind, ln):
            group.append(ln)
            continue
        flush()
        group = [ln]
    flush()
    _promote_comma_titles(paras)
    return paras


def _title_like(s: str) -> bool:
    """Like a title line (commas allowed here: subtitles have them)."""
    return _TITLE_LIKE.match(s) is not None


def _promote_comma_titles(paras: list[_Para]) -> None:
    """A short line with a comma is a subtitle when titles precede it and a new item follows."""
    for i, p in enumerate(paras):
        if p.kind != "body" or not _title_like(p.text.text) or i == 0:
            continue
        after = paras[i + 1].kind if i + 1 < len(paras) else "end"
        if paras[i - 1].kind == "title" and after in ("byline", "credit", "title", "end"):
            p.kind = "title"


def _with_captions(paras: list[_Para]) -> list[_Para]:
    """Fold photo credits into caption items."""
    items: list[_Para] = []
    for p in paras:
        if p.kind == "photo" and items and items[-1].kind == "body":
            items[-1] = _Para(items[-1].text, "caption", items[-1].block, credit=p)
        elif p.kind == "capbody":
            items.append(_Para(p.text, "caption", p.block))
        elif p.kind != "photo":
            items.append(p)
    return items


# --------------------------------------------------------------------------------------------
# headline position
# --------------------------------------------------------------------------------------------


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[^\w]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def similarity(title: str, lead: str) -> float:
    """Share of the title's character bigrams that also occur in the lead."""
    t = _bigrams(title)
    return len(t & _bigrams(lead)) / len(t) if t else 0.0


def _lead_before(items: list[_Para], i: int) -> str:
    """Lead of the body that ends just before items[i]."""
    j = i - 1
    while j > 0 and items[j].kind == "signoff":
        j -= 1
    i = j + 1
    while j > 0 and items[j].kind == "body" and items[j - 1].kind in ("body", "byline"):
        j -= 1
    return "".join(p.text.text for p in items[j:i] if p.kind in ("body", "byline"))[:_LEAD_CHARS]


def _lead_after(items: list[_Para], j: int) -> str:
    return "".join(p.text.text for p in items[j:j + 4] if p.kind in ("body", "byline"))[:_LEAD_CHARS]


def headline_mode(items: list[_Para]) -> str:
    """'after' when this page prints headlines after their bodies, else 'before'."""
    after = before = 0
    i = 0
    while i < len(items):
        if items[i].kind != "title":
            i += 1
            continue
        j = i
        while j < len(items) and items[j].kind == "title":
            j += 1
        run = "".join(p.text.text for p in items[i:j])
        if j == len(items):
            after += i > 0
        elif items[j].kind == "byline":
            if i == 0:
                before += 1
            else:
                diff = similarity(run, _lead_after(items, j)) - similarity(run, _lead_before(items, i))
                after += diff < -_SIMILARITY_MARGIN
                before += diff > _SIMILARITY_MARGIN
        i = j
    return "after" if after > before else "before"


# --------------------------------------------------------------------------------------------
# assembly
# --------------------------------------------------------------------------------------------


class _Assembler:
    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.units: list[_Unit] = []
        self.cur: _Unit | None = None
        self.run: list[_Para] = []
        self.waiting: list[_Unit] = []  # feature headers still without a body
        self.reprinted: _Unit | None = None  # editorial whose title and credit follow
        self.last_fed: _Unit | None = None  # the article that last received body text

    def last_article(self) -> _Unit | None:
        return self.last_fed

    def new_unit(self, **kw) -> _Unit:
        unit = _Unit(**kw)
        self.units.append(unit)
        return unit

    def give_run_back(self) -> None:
        """Trailing titles: to the open article, else the last one."""
        target = self.cur if self.cur is not None and self.cur.paras else self.last_article()
        if target is not None and self.run:
            target.trailing.extend(self.run)
        self.run = []

    def close_current(self) -> None:
        if self.cur is not None and self.cur.header and not self.cur.paras:
            self.waiting.append(self.cur)
        self.cur = None

    def feed(self, item: _Para) -> None:
        handler = getattr(self, f"on_{item.kind}", self.on_body)
        handler(item)

    def on_title(self, item: _Para) -> None:
        self.run.append(item)

    def on_caption(self, item: _Para) -> None:
        if self.run and self.mode == "after":
            self.give_run_back()
        self.close_current()
        self.new_unit(kind="caption", paras=[item])

    def on_byline(self, item: _Para) -> None:
        if self.run and self.mode == "after" and self.last_article() is not None:
            self.give_run_back()
        self.close_current()
        self.cur = self.new_unit(titles=self.run, paras=[item])
        self.last_fed, self.run = self.cur, []

    def on_credit(self, item: _Para) -> None:
        if self.reprinted is not None:
            self.reprinted.trailing.extend(self.run)
            self.reprinted.credits.extend(_line_credits(item))
            self.reprinted, self.run = None, []
            return
        if self.mode == "after" and self.cur is not None and self.cur.paras and not self.cur.titles:
            # the run may open with the headline of the story before this feature's header
            ours = _similar_prefix(self.run, self.cur.lead)
            self.cur.trailing.extend(self.run[:ours])
            self.run = self.run[ours:]
        self.close_current()
        self.cur = self.new_unit(titles=self.run, credits=_line_credits(item), header=True)
        self.run = []

    def on_reprint(self, item: _Para) -> None:
        target = self.cur or self.last_article()
        if target is not None:
            target.kind = "editorial"
            self.reprinted = target
        self.cur = None

    def on_signoff(self, item: _Para) -> None:
        target = self.cur or self.last_article()
        credit = bl.signoff_credit(item.text)
        if target is not None and credit is not None:
            target.credits.append(credit)

    def on_body(self, item: _Para) -> None:
        if self.run:
            self.place_run_before_body()
        if self.cur is None:
            self.cur = self.waiting.pop(0) if self.waiting else self.new_unit()
        self.cur.paras.append(item)
        self.last_fed = self.cur

    def place_run_before_body(self) -> None:
        cur = self.cur
        if cur is not None and cur.paras:
            if self.mode == "after" and _closes(self.run, cur):
                self.give_run_back()  # the run is this article's headline; the body starts another
                self.close_current()
            else:  # section heads inside a long article
                cur.paras.extend(self.run)
                self.run = []
        elif self.mode == "after" and self.last_article() is not None:
            self.give_run_back()
        else:
            self.cur = cur or (self.waiting.pop(0) if self.waiting else self.new_unit())
            self.cur.titles.extend(self.run)
            self.run = []

    def finish(self) -> list[_Unit]:
        if self.run:
            self.give_run_back()
        self.close_current()
        _reassign_trailing(self.units)
        return self.units


def _closes(run: list[_Para], unit: _Unit) -> bool:
    """On a headline-after page, is this title run the headline of the article before it (rather
    than a section head inside it)? A headline echoes its lead; an untitled story needs one."""
    score = similarity("".join(p.text.text for p in run), unit.lead)
    return score >= _HEADLINE_ECHO or (score >= _WEAK_ECHO and not unit.titles and not unit.header)


def _similar_prefix(run: list[_Para], lead: str) -> int:
    """How many leading paragraphs of a title run echo lead, taken block by block."""
    n = 0
    while n < len(run):
        block = [p for p in run[n:] if p.block == run[n].block]
        if similarity("".join(p.text.text for p in block), lead) < _WEAK_ECHO:
            break
        n += len(block)
    return n


def _reassign_trailing(units: list[_Unit]) -> None:
    """A trailing title that matches an untitled article far better than its own moves there:
    front-page leads whose headline the layout printed at the very end. Only nearby articles are
    candidates (a page holds a few dozen at most), which keeps this linear on huge inputs."""
    leads = [_bigrams(u.lead) for u in units]
    for k, unit in enumerate(units):
        for title in list(unit.trailing):
            grams = _bigrams(title.text.text)
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


def _untitled(unit: _Unit) -> bool:
    return unit.kind != "caption" and not unit.titles and not unit.trailing and bool(unit.paras)


def _line_credits(item: _Para) -> list[Credit]:
    m = bl.CREDIT_LINE.match(item.text.text)
    if m is None:
        return []
    if m.group("commentator"):
        return [Credit(m.group("commentator"), "commentator", False, item.text.raw_span(*m.span()))]
    role = bl.ROLE_WORDS.get(m.group("role"), "author")
    return bl.parse_credit_list(item.text, m.start("names"), m.end("names"), role)


# --------------------------------------------------------------------------------------------
# units → articles
# --------------------------------------------------------------------------------------------


def _title_roles(paras: list[_Para]) -> list[tuple[str, MappedText]]:
    out: list[tuple[str, MappedText]] = []
    has_main = False
    for k, p in enumerate(paras):
        text = p.text
        stripped = len(text.text) - len(text.text.lstrip("—-－ "))
        if stripped:
            out.append(("kicker", text.slice(stripped, len(text))))
        elif not has_main and _LEAD_IN.search(text.text) and k + 1 < len(paras):
            out.append(("kicker", text))
        elif not has_main:
            out.append(("main", text))
            has_main = True
        else:
            out.append(("sub", text))
    return out


def _strip_byline(p: _Para) -> tuple[MappedText, list[Credit]]:
    m = bl.BYLINE_START.match(p.text.text)
    if m is None:
        return p.text, []
    credits: list[Credit] = []
    for group in ("c1", "c2"):
        if m.group(group):
            credits += bl.parse_credit_list(p.text, m.start(group), m.end(group), "reporter")
    if m.group("wire"):
        credits.append(Credit("新华社", "author", False, p.text.raw_span(*m.span("wire"))))
    return p.text.slice(m.end(), len(p.text)), credits


def _caption_parts(p: _Para) -> tuple[MappedText, list[Credit]]:
    """Caption text and its photographers (whatever role word precedes them: 记者 … 摄)."""
    body, source, m, group = p.text, p.text, None, "names"
    if p.credit is not None:
        source = p.credit.text
        m = bl.PHOTO_LINE.match(source.text)
        group = "names" if m and m.group("names") else "bare"
    else:
        m = bl.PHOTO_TAIL.search(body.text)
        if m is not None:
            group = "names" if m.group("names") else "names2"
            body = body.slice(0, m.start())
            body = body.slice(0, len(body.text.rstrip()))
    if m is None:
        return body, []
    credits = bl.parse_credit_list(source, m.start(group), m.end(group), "photographer")
    for credit in credits:
        credit.role = "photographer"
    return body, credits


def _to_article(unit: _Unit, page: Page, index: int) -> Article:
    credits = list(unit.credits)
    parts: list[MappedText] = []
    for k, p in enumerate(unit.paras):
        if unit.kind == "caption":
            text, found = _caption_parts(p)
        elif k == 0 and p.kind == "byline":
            text, found = _strip_byline(p)
        else:
            text, found = p.text, []
        credits = found + credits
        if text.text.strip():
            parts.append(text)
    if parts and unit.kind != "caption":
        signoff = bl.signoff_credit(parts[-1])
        if signoff is not None and not any(c.role == "author" for c in credits):
            credits.append(signoff)
            last = parts[-1]
            parts[-1] = last.slice(0, bl.SIGNOFF.search(last.text).start())
    body = MappedText.join([p for p in parts if len(p)], "\n")
    return Article(
        doc=page.doc, id=f"{page.doc}#{index}", index=index, kind=unit.kind,
        titles=_title_roles(unit.titles + unit.trailing), body=body, credits=credits,
        home_city=page.home_city, date=article_date(body.text, page.date),
        span=body.raw_span(0, len(body)))


def paragraphs(page: Page) -> list[_Para]:
    """The page's paragraphs after furniture removal and line rejoining (for inspection)."""
    lines = _split_lines(page)
    _classify_lines(lines, page)
    return _paragraphs(lines, page)


def segment(page: Page) -> list[Article]:
    """Articles and captions of a page, titles attached, credits parsed, furniture dropped."""
    items = _with_captions(paragraphs(page))
    assembler = _Assembler(headline_mode(items))
    for item in items:
        assembler.feed(item)
    units = [u for u in assembler.finish() if u.paras or u.titles]
    return [_to_article(u, page, i) for i, u in enumerate(units)]
