"""Page → articles: attach titles, credits and captions to the right bodies.

`layout` turns the page into paragraphs (titles, bylines, credits, captions, body). Then:
1. column banners (a short one-word title sharing nothing with the stories around it) go;
2. the page's habit: headlines after their bodies when title runs close the page or echo the
   story above more than the one below, else before;
3. assemble: a byline (本报讯…) or a feature credit line starts an article; a title run between
   two stories is split block by block by which story's lead each block echoes (the habit of 2
   decides blocks that echo neither); a feature header adopts a story with neither byline nor
   title; a photo that broke a sentence does not end its article; a signoff after a sentence
   (…满意。（热线办）) ends its story; a box label (一周数据) makes the block it labels a digest,
   the box below it or, as headlines after their bodies, the one above it;
4. a trailing headline that matches an untitled story far better than its own moves there;
5. a column banner that another title block of its story outdoes is not its headline; a short
   untitled text dense in figures is a digest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import add

from graphbuild.ingest import byline as bl
from graphbuild.ingest.dates import article_date
from graphbuild.ingest.furniture import DATA_LABEL
from graphbuild.ingest.layout import Para, ends_sentence, paragraphs, with_captions
from graphbuild.model import Article, Credit, MappedText, Page

_LEAD_IN = re.compile(r"(?:强调|指出|表示|要求|提出|时说|寄语|倡议)$")
_SIMILARITY_MARGIN = 0.15
_LEAD_CHARS = 200
_HEADLINE_ECHO = 0.5  # share of a title's bigrams found in its own lead: surely its headline
_WEAK_ECHO = 0.2  # enough when the story still lacks a headline
_REASSIGN_WINDOW = 16  # units either side where a misplaced headline's body may be
_BANNER_CHARS = 6
_BOX_PARAS = 3  # a data box under a story: at most this many paragraphs …
_BOX_CHARS = 400  # … and characters
_BOX_MIN_FIGURES = 3
_FIGURE_SPACING = 20  # a figure at least every 20 characters
_DENSE_SPACING = 15  # … every 15 for a box without a label
_OPENED_BOX_CHARS = 800  # a label over more text than this labels a story, not a box
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class _Unit:
    kind: str = "article"
    titles: list[Para] = field(default_factory=list)
    trailing: list[Para] = field(default_factory=list)  # titles printed after the body
    paras: list[Para] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    header: bool = False  # started by a feature credit line

    @property
    def lead(self) -> str:
        return _lead(self.paras)


def _lead(paras: list[Para]) -> str:
    """The first _LEAD_CHARS characters of the paragraphs' text, joining no more than needed."""
    texts: list[str] = []
    size = 0
    for p in paras:
        if size >= _LEAD_CHARS:
            break
        texts.append(p.text.text)
        size += len(p.text.text)
    return "".join(texts)[:_LEAD_CHARS]


# --------------------------------------------------------------------------------------------
# headline position
# --------------------------------------------------------------------------------------------


# A set of bigrams is a dict with them as keys: a dict of strings is not tracked by the garbage
# collector, a frozenset is, and collections walking a few thousand lead sets cost more than
# building them (10% of ingest time went to bigrams).
_Bigrams = dict[str, None]


@lru_cache(maxsize=1024)
def _bigrams(s: str) -> _Bigrams:
    """Character bigrams of s, punctuation and spaces left out (cached: leads are asked often)."""
    s = "".join(_WORD.findall(s))  # without punctuation and spaces (faster than subbing \W+)
    return dict.fromkeys(map(add, s, s[1:]))  # s[i] + s[i + 1]: no Python-level loop


def _shared(grams: _Bigrams, other: _Bigrams) -> int:
    """len(grams & other) for sets."""
    return sum(map(other.__contains__, grams))


def similarity(title: str, lead: str) -> float:
    """Share of the title's character bigrams that also occur in the lead."""
    t = _bigrams(title)
    return _shared(t, _bigrams(lead)) / len(t) if t else 0.0


def _lead_before(items: list[Para], i: int) -> str:
    """Lead of the body that ends just before items[i]."""
    j = i - 1
    while j > 0 and items[j].kind == "signoff":
        j -= 1
    i = j + 1
    while j > 0 and items[j].kind == "body" and items[j - 1].kind in ("body", "byline"):
        j -= 1
    return _lead([p for p in items[j:i] if p.kind in ("body", "byline")])


def _lead_after(items: list[Para], j: int) -> str:
    return _lead([p for p in items[j:j + 4] if p.kind in ("body", "byline")])


def _title_runs(items: list[Para]) -> Iterator[tuple[int, int]]:
    """[start, end) of each run of consecutive title paragraphs."""
    i = 0
    while i < len(items):
        if items[i].kind != "title":
            i += 1
            continue
        j = i
        while j < len(items) and items[j].kind == "title":
            j += 1
        yield i, j
        i = j


def _vote(items: list[Para], i: int, j: int) -> int:
    """+1 if the title run items[i:j] says headlines follow their bodies, -1 if they precede."""
    if j == len(items):
        return int(i > 0)  # titles closing the page belong to what is above them
    if items[j].kind != "byline":
        return 0
    if i == 0:
        return -1
    run = "".join(p.text.text for p in items[i:j])
    diff = similarity(run, _lead_after(items, j)) - similarity(run, _lead_before(items, i))
    return int(diff < -_SIMILARITY_MARGIN) - int(diff > _SIMILARITY_MARGIN)


def headline_mode(items: list[Para]) -> str:
    """'after' when this page prints headlines after their bodies, else 'before'."""
    return "after" if sum(_vote(items, i, j) for i, j in _title_runs(items)) > 0 else "before"


# --------------------------------------------------------------------------------------------
# assembly
# --------------------------------------------------------------------------------------------


class _Assembler:
    """Feeds a page's items in order and groups them into units (articles, captions); `mode`
    says whether the page prints headlines before or after their bodies."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.units: list[_Unit] = []
        self.cur: _Unit | None = None
        self.run: list[Para] = []
        self.waiting: list[_Unit] = []  # feature headers still without a body
        self.reprinted: _Unit | None = None  # editorial whose title and credit follow
        self.last_fed: _Unit | None = None  # the article that last received body text
        self.fed_before: _Unit | None = None  # the one that received body text before it
        self.interrupted: _Unit | None = None  # an article a photo broke off mid-sentence
        self.items: list[Para] = []
        self.index = 0  # of the item being fed

    def last_article(self) -> _Unit | None:
        return self.last_fed

    def feed(self, unit: _Unit) -> None:
        if unit is not self.last_fed:
            self.fed_before = self.last_fed
        self.last_fed = unit

    def new_unit(self, **kw) -> _Unit:
        unit = _Unit(**kw)
        self.units.append(unit)
        return unit

    def give_run_back(self) -> None:
        """Trailing titles: to the open article, else the last one."""
        target = self.cur if self.cur is not None and self.cur.paras else self.last_article()
        if target is not None and self.run:
            target = self.headline_owner(target)
            target.trailing.extend(self.run)
        self.run = []

    def headline_owner(self, target: _Unit) -> _Unit:
        """A headline printed after an unbylined text that a signoff parted from the story
        before it (…表示满意。（热线办） / 本周共受理…) is that story's if it echoes it clearly more."""
        before = self.fed_before
        if before is None or target is not self.last_fed or not _orphan(target):
            return target
        if not (_untitled(before) and before.paras and bl.closes_story(before.paras[-1].text.text)):
            return target
        run = "".join(p.text.text for p in self.run)
        return before if _lean(run, before.lead, target.lead) == "before" else target

    def close_current(self) -> None:
        if self.cur is not None and self.cur.header and not self.cur.paras:
            self.waiting.append(self.cur)
        self.cur = None

    def feed_all(self, items: list[Para]) -> list[_Unit]:
        self.items = items
        for self.index, item in enumerate(items):
            getattr(self, _HANDLERS.get(item.kind, "on_body"))(item)
        return self.finish()

    def on_title(self, item: Para) -> None:
        self.run.append(item)
        self.interrupted = None

    def on_caption(self, item: Para) -> None:
        if self.run and self.mode == "after":
            self.give_run_back()
        cur = self.cur
        if cur is not None and cur.paras and not ends_sentence(cur.paras[-1].text.text):
            self.interrupted = cur  # the sentence goes on after the photo
        self.close_current()
        self.new_unit(kind="caption", paras=[item])

    def on_byline(self, item: Para) -> None:
        self.hand_back_prefix()  # pages mix the two orders: a run may end one story, open the next
        self.close_current()
        self.cur = self.new_unit(titles=self.run, paras=[item])
        self.feed(self.cur)
        self.run, self.interrupted = [], None

    def on_credit(self, item: Para) -> None:
        if self.reprinted is not None:
            self.reprinted.trailing.extend(self.run)
            self.reprinted.credits.extend(_line_credits(item))
            self.reprinted, self.run = None, []
            return
        had_run = bool(self.run)
        prev = self.hand_back_prefix()  # the run may open with the headline of the story before
        if had_run and not self.run and prev is not None and _orphan(prev, titled=True):
            prev.credits += _line_credits(item)  # a feature's header printed after its body
            prev.header = True
            self.cur = self.interrupted = None
            return
        self.close_current()
        self.cur = self.new_unit(titles=self.run, credits=_line_credits(item), header=True)
        self.run, self.interrupted = [], None

    def hand_back_prefix(self) -> _Unit | None:
        """Give the part of the pending title run that belongs to the story before to it;
        that story, if any."""
        prev = self.cur if self.cur is not None and self.cur.paras else self.last_article()
        if self.run and prev is not None:
            ours = _split_run(self.run, prev.lead, _lead_after(self.items, self.index), self.mode)
            prev.trailing.extend(self.run[:ours])
            self.run = self.run[ours:]
        return prev

    def on_label(self, item: Para) -> None:
        """A box label (一周数据, 简讯) delimits the block it labels, as a title would: the box
        below it, or the one above it when the page prints headings after their bodies (or
        nothing follows). A label over a run of bylined stories labels nothing of its own."""
        nxt = self.items[self.index + 1].kind if self.index + 1 < len(self.items) else "end"
        if nxt == "caption":  # 图片新闻 over a photo: the caption is an item already
            return
        opens = nxt == "body" and not self.run
        heads = opens and self.mode == "before"  # the page's habit: a label heads its box
        if heads or (not self.close_box_above(item) and opens):
            self.open_box(item)

    def open_box(self, label: Para) -> None:
        self.close_current()
        self.cur = self.new_unit(kind="digest", titles=[label])
        self.interrupted = None

    def close_box_above(self, label: Para) -> bool:
        """Make the block above the label a digest: the whole open item if it has neither
        byline, credit nor title, else, for a label of figures (一周数据), its figure-dense tail
        (a data box set right under a story). False when there is no such block."""
        cur = self.cur
        if self.run or cur is None or not cur.paras or cur.kind != "article":
            return False
        if _orphan(cur):
            cur.kind = "digest"
            cur.titles.append(label)
        else:
            k = _box_start(cur.paras) if DATA_LABEL.match(label.text.text) else None
            if k is None:
                return False
            box = _Unit(kind="digest", titles=[label], paras=cur.paras[k:])
            del cur.paras[k:]
            at = next(j for j in range(len(self.units) - 1, -1, -1) if self.units[j] is cur)
            self.units.insert(at + 1, box)  # cur is the last unit or close to it
        self.close_current()
        self.interrupted = None
        return True

    def on_reprint(self, item: Para) -> None:
        target = self.cur or self.last_article()
        if target is not None:
            target.kind = "editorial"
            self.reprinted = target
        self.cur = None

    def on_signoff(self, item: Para) -> None:
        target = self.cur or self.last_article()
        if target is not None:
            target.credits += bl.signoff(item.text)[1]

    def on_body(self, item: Para) -> None:
        if self.run:
            self.place_run_before_body()
        if self.cur is None and self.interrupted is not None:  # the sentence a photo broke goes on
            self.cur = self.interrupted
            last = self.cur.paras.pop()
            item = Para(MappedText.join([last.text, item.text]), last.kind, last.block)
        if self.cur is None:
            self.cur = self.waiting.pop(0) if self.waiting else self.new_unit()
        self.cur.paras.append(item)
        self.feed(self.cur)
        self.interrupted = None
        if bl.closes_story(item.text.text):  # what follows without a byline is another item
            self.close_current()

    def place_run_before_body(self) -> None:
        cur = self.cur
        if cur is not None and cur.kind == "digest":  # a box has no section heads: a new story
            self.close_current()
            self.cur = self.new_unit(titles=self.run)
            self.run = []
        elif cur is not None and cur.paras:
            if _closes(self.run, cur, self.mode):
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
        return _headers_adopt_orphans(self.units)


# Item kind → the _Assembler method that takes it; other kinds are body text.
_HANDLERS = {name.removeprefix("on_"): name for name in vars(_Assembler) if name.startswith("on_")}


def _closes(run: list[Para], unit: _Unit, mode: str) -> bool:
    """Is this title run the headline of the article before it, rather than a section head
    inside it? A headline echoes its lead; on a headline-after page an untitled story needs one."""
    score = similarity("".join(p.text.text for p in run), unit.lead)
    weak = mode == "after" and not unit.titles and not unit.header
    return score >= _HEADLINE_ECHO or (weak and score >= _WEAK_ECHO)


def _figure_dense(text: str) -> bool:
    """Reads like a data box: several figures, one at least every _FIGURE_SPACING chars."""
    figures = len(_FIGURE.findall(text))
    return figures >= _BOX_MIN_FIGURES and figures * _FIGURE_SPACING >= len(text)


def _box_start(paras: list[Para]) -> int | None:
    """Where a data box stuck under a story starts: the earliest figure-dense paragraph among
    the last few (not the story's lead); the paragraphs after it are the box's too."""
    start, chars = len(paras), 0
    while start > 1 and len(paras) - start < _BOX_PARAS:
        chars += len(paras[start - 1].text)
        if chars > _BOX_CHARS or paras[start - 1].kind != "body":
            break
        start -= 1
    return next((k for k in range(start, len(paras)) if _figure_dense(paras[k].text.text)), None)


def _unlabelled_box(unit: _Unit) -> bool:
    """A short text with no headline, byline or credit, a figure every few characters: a data
    box (本周热线共受理诉求1865件，办结率98.2%…)."""
    if not _orphan(unit) or sum(len(p.text.text) for p in unit.paras) > _BOX_CHARS:
        return False
    text = "".join(p.text.text for p in unit.paras)
    figures = len(_FIGURE.findall(text))
    return figures >= _BOX_MIN_FIGURES and figures * _DENSE_SPACING >= len(text)


def _title_groups(run: list[Para]) -> list[list[Para]]:
    """A title run cut into its blank-separated blocks; a ——kicker stays with the title above."""
    groups: list[list[Para]] = []
    for p in run:
        if groups and (groups[-1][-1].block == p.block or p.text.text.startswith("—")):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _lean(title: str, lead_before: str, lead_after: str) -> str | None:
    """'before' or 'after': the story whose lead the title echoes clearly more, if any."""
    diff = similarity(title, lead_before) - similarity(title, lead_after)
    if abs(diff) <= _SIMILARITY_MARGIN:
        return None
    return "before" if diff > 0 else "after"


def _split_run(run: list[Para], lead_before: str, lead_after: str, mode: str) -> int:
    """How many paragraphs of a title run between two stories belong to the one before.

    Each block of the run leans to the story whose lead it echoes more. A block that echoes
    neither goes with the block before it (a subtitle follows its main title) or, leading the
    run, with the first block that does lean; a run that never leans follows the page's mode.
    Once a block opens the next story, the rest of the run is that story's too."""
    groups = _title_groups(run)
    leans = [_lean("".join(p.text.text for p in group), lead_before, lead_after) for group in groups]
    decided = [lean for lean in leans if lean]
    side = decided[0] if decided else ("before" if mode == "after" else "after")
    count = 0
    for group, lean in zip(groups, leans, strict=True):
        side = lean or side
        if side == "after":
            break
        count += len(group)
    return count


def _reassign_trailing(units: list[_Unit]) -> None:
    """A trailing title that matches an untitled article far better than its own moves there:
    front-page leads whose headline the layout printed at the very end. Only nearby articles are
    candidates (a page holds a few dozen at most), which keeps this linear on huge inputs."""
    if not any(u.trailing for u in units):
        return
    untitled = [_untitled(u) for u in units]  # kept up to date as titles move
    leads: dict[int, _Bigrams] = {}  # bigrams of a lead, built when first needed

    def lead(j: int) -> _Bigrams:
        if j not in leads:
            leads[j] = _bigrams(units[j].lead)
        return leads[j]

    for k, unit in enumerate(units):
        for title in list(unit.trailing):
            grams = _bigrams(title.text.text)
            if not grams:
                continue
            own = _shared(grams, lead(k)) / len(grams)
            window = range(max(0, k - _REASSIGN_WINDOW), min(len(units), k + _REASSIGN_WINDOW))
            candidates = [j for j in window if j != k and untitled[j]]
            best = max(candidates, key=lambda j: _shared(grams, lead(j)), default=None)
            if best is None:
                continue
            score = _shared(grams, lead(best)) / len(grams)
            if score >= 0.5 and score - own >= 0.2:
                unit.trailing.remove(title)
                units[best].trailing.append(title)
                untitled[k], untitled[best] = _untitled(unit), _untitled(units[best])


def _untitled(unit: _Unit) -> bool:
    """No headline yet: no titles, or only a column banner above it (民生热线)."""
    banner_only = len(unit.titles) == 1 and _banner_like(unit.titles[0].text.text)
    return (unit.kind != "caption" and (not unit.titles or banner_only) and not unit.trailing
            and bool(unit.paras))


def _headers_adopt_orphans(units: list[_Unit]) -> list[_Unit]:
    """A feature header (title, kicker, 本报记者 X) left without a body takes the nearest story
    that has neither byline nor title: pages print such a header before or after its body.
    Only nearby stories are candidates, which keeps this linear on huge inputs."""
    adopted: set[int] = set()
    for k, header in enumerate(units):
        if not header.header or header.paras:
            continue
        window = range(max(0, k - _REASSIGN_WINDOW), min(len(units), k + _REASSIGN_WINDOW + 1))
        candidates = [j for j in window if j not in adopted and _orphan(units[j])]
        if not candidates:
            continue
        j = min(candidates, key=lambda j: (abs(j - k), j > k))
        orphan = units[j]
        orphan.titles = header.titles + orphan.titles
        orphan.credits = header.credits + orphan.credits
        orphan.header = True
        adopted.add(j)
        header.titles, header.credits = [], []  # emptied: dropped with the other empty units
    return [u for u in units if u.paras or u.titles]


def _orphan(unit: _Unit, titled: bool = False) -> bool:
    """A story with no byline, no credit and (unless titled) no title: a feature's body."""
    return (unit.kind == "article" and not unit.header and not unit.credits and bool(unit.paras)
            and unit.paras[0].kind != "byline" and (titled or _untitled(unit)))


def _line_credits(item: Para) -> list[Credit]:
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


def _title_roles(paras: list[Para]) -> list[tuple[str, MappedText]]:
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


def _strip_byline(p: Para) -> tuple[MappedText, list[Credit]]:
    m = bl.BYLINE_START.match(p.text.text)
    if m is None:
        return p.text, []
    credits: list[Credit] = []
    for group in ("c1", "c2", "c3"):
        if m.group(group):
            credits += bl.parse_credit_list(p.text, m.start(group), m.end(group), "reporter")
    if m.group("wire"):
        agency = m.group("wire")[:3]
        credits.append(Credit(agency, "author", False, p.text.raw_span(m.start("wire"), m.start("wire") + 3)))
    return p.text.slice(m.end(), len(p.text)), credits


def _caption_parts(p: Para) -> tuple[MappedText, list[Credit]]:
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
        cut, closing = bl.signoff(parts[-1])
        parts[-1] = parts[-1].slice(0, cut)
        known = {(c.name, c.role) for c in credits}
        credits += [c for c in closing if (c.name, c.role) not in known]
    body = MappedText.join([p for p in parts if p.text], "\n")
    return Article(
        doc=page.doc, id=f"{page.doc}#{index}", index=index, kind=unit.kind,
        titles=_title_roles(_without_banner(unit)), body=body, credits=credits,
        home_city=page.home_city, date=article_date(body.text, page.date),
        span=body.raw_span(0, len(body)))


@lru_cache(maxsize=1024)
def _banner_like(text: str) -> bool:
    """Short, one word, no verb: 民生热线, 县域传真 (not 喜迎国庆)."""
    if len(text) > _BANNER_CHARS or not _WORD.fullmatch(text):
        return False
    try:
        import rjieba
    except ImportError:  # no tagger: a short word alone is banner-like enough
        return True
    return not any(tag.startswith("v") for _, tag in rjieba.tag(text))


def _without_banner(unit: _Unit) -> list[Para]:
    """The unit's titles without a column banner taken for its headline: a banner-like block
    above the story that another title block of the same story echoes the lead at least as well
    as (民生热线 over a hotline story whose headline is printed after it)."""
    titles = unit.titles + unit.trailing
    groups = _title_groups(titles)
    if len(groups) < 2 or len(groups[0]) != 1 or groups[0][0] is not (unit.titles or [None])[0]:
        return titles
    banner = groups[0][0].text.text
    rest = "".join(p.text.text for group in groups[1:] for p in group)
    if not _banner_like(banner) or similarity(rest, unit.lead) < similarity(banner, unit.lead):
        return titles
    return titles[1:]


def _drop_banners(items: list[Para]) -> list[Para]:
    """Column banners (县域传真, 民生热线) look like titles but name a section: a short title
    block of one word that shares nothing with the stories on either side of its title run, or
    that the page prints over more than one story."""
    banners: set[int] = set()
    short: dict[str, list[list[Para]]] = {}
    for i, j in _title_runs(items):
        before, after = _lead_before(items, i), _lead_after(items, j)
        for group in _title_groups(items[i:j]):
            text = "".join(p.text.text for p in group)
            if len(text) > _BANNER_CHARS or " " in text:
                continue
            short.setdefault(text, []).append(group)
            if not (similarity(text, before) or similarity(text, after)):
                banners.update(id(p) for p in group)
    for groups in short.values():
        if len(groups) > 1:
            banners.update(id(p) for group in groups for p in group)
    return [p for p in items if id(p) not in banners]


def segment(page: Page) -> list[Article]:
    """Articles and captions of a page, titles attached, credits parsed, furniture dropped."""
    items = _drop_banners(with_captions(paragraphs(page)))
    units = [u for u in _Assembler(headline_mode(items)).feed_all(items) if u.paras or u.titles]
    for unit in units:
        if _unlabelled_box(unit):
            unit.kind = "digest"
        elif unit.kind == "digest" and sum(len(p.text.text) for p in unit.paras) > _OPENED_BOX_CHARS:
            unit.kind, unit.titles = "article", unit.titles[1:]  # 导读 over the lead story
    return [_to_article(u, page, i) for i, u in enumerate(units)]
