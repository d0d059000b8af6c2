"""Plain data passed between pipeline stages.

pages -> articles -> sentences -> mentions -> facts -> resolved graph -> writers.

Every text unit a stage hands on is a `MappedText`: normalised text plus, for each character, its
offset in the decoded original file (`Page.raw`). Spans reported to users are always raw offsets,
so they point into the file the user gave us, whatever normalisation did.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

# ---------------------------------------------------------------------------------------------
# Text with a map back into the original file
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class MappedText:
    """Normalised text; `offsets[i]` is the raw-file offset of `text[i]`."""

    text: str
    offsets: array  # array('q'), len == len(text)

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text):
            raise ValueError("MappedText: offsets and text differ in length")

    def __len__(self) -> int:
        return len(self.text)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw [start, end) covering text[start:end]; (k, k) for an empty slice."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else (
                self.offsets[-1] + 1 if len(self.offsets) else 0)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.offsets[start:end])

    @staticmethod
    def join(parts: list[MappedText], sep: str = "") -> MappedText:
        """Concatenate; separator characters borrow the offset of the char before them."""
        offs = array("q")
        for i, part in enumerate(parts):
            if i and sep:
                anchor = offs[-1] if offs else (part.offsets[0] if part.offsets else 0)
                offs.extend([anchor] * len(sep))
            offs.extend(part.offsets)
        return MappedText(sep.join([part.text for part in parts]), offs)


# ---------------------------------------------------------------------------------------------
# Ingestion
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class PartialDate:
    """A date as the page states it; unknown parts stay None, never invented."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """'2019-08-29', '--08-29' (XSD gMonthDay style) or '2019'."""
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month and self.day:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.year and self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}" if self.year else ""


@dataclass(slots=True)
class Credit:
    """A byline or caption credit: who wrote, photographed, edited."""

    name: str
    # reporter | correspondent | intern | photographer | editor | proofreader | commentator | author
    role: str
    is_person: bool = True  # False for pen names such as 东宣 or 热线轩
    span: tuple[int, int] = (0, 0)  # raw offsets of the name


@dataclass(slots=True)
class Page:
    doc: str  # file base name; the scorer's "doc"
    path: str
    raw: str  # decoded original text; every span indexes this
    encoding: str
    text: MappedText  # whole normalised page
    home_city: str | None = None  # canonical city name from the gazetteer, e.g. 四平市
    date: PartialDate | None = None
    editors: list[Credit] = field(default_factory=list)  # 本版编辑/校对: page metadata
    paper: str | None = None  # e.g. 四平日报 when inferable


@dataclass(slots=True)
class Article:
    doc: str
    id: str  # f"{doc}#{index}" – stable for a given file content
    index: int
    kind: str  # "article" | "caption" | "editorial" | "digest"
    titles: list[tuple[str, MappedText]]  # (role, text); role in main | sub | kicker
    body: MappedText
    credits: list[Credit] = field(default_factory=list)
    home_city: str | None = None
    date: PartialDate | None = None
    span: tuple[int, int] = (0, 0)  # raw extent of body (titles may lie outside it)

    @property
    def headline(self) -> str:
        for role, text in self.titles:
            if role == "main":
                return text.text
        return self.titles[0][1].text if self.titles else ""


class InputError(Exception):
    """A file that cannot be read; message is one line and names the file."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path, self.cause = path, cause

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Exceptions pickle their args by default; ours has two, so worker processes need this.
        return InputError, (self.path, self.cause)


# ---------------------------------------------------------------------------------------------
# NLP
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Sentence:
    article_id: str
    index: int  # position within its article (titles first, then body)
    text: MappedText
    in_title: bool = False
    tokens: list[tuple[str, str, int]] | None = None  # (word, pos-tag, start in text) when tokenised


@dataclass(slots=True)
class Mention:
    """A typed span of a sentence."""

    type: str  # Person | Position | Organization | Place | Event | Project | Money | Count | Date
    text: str  # as written (normalised)
    start: int  # offsets within sentence.text
    end: int
    subtype: str | None = None  # e.g. Meeting, Expo, District, Enterprise, GovernmentBody
    value: Any = None  # Money/Count: number (yuan for Money); Date: PartialDate; Position: dict


# ---------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------

PREDICATES = (
    "holds_position", "presides", "attends", "witnesses", "inspects", "organizes", "held_in",
    "hosts", "invests_in", "exhibits_at", "signs_with", "located_in",
)
SYMMETRIC_PREDICATES = frozenset({"signs_with"})
ENTITY_TYPES = ("Person", "Organization", "Place", "Event", "Project", "Post", "Position")


@dataclass(slots=True)
class Evidence:
    doc: str
    article: str  # Article.id
    sentence: int  # Sentence.index
    start: int  # raw offsets of the supporting text (the sentence, or the clause that fired)
    end: int
    text: str  # the normalised sentence text, for people reading the graph
    rule: str  # id of the rule that fired, e.g. "meetings.presides.zhuchi"


@dataclass(slots=True)
class Fact:
    """One extracted triple, before resolution. Names are as written in the page."""

    s: str
    s_type: str
    p: str
    o: str
    o_type: str
    evidence: Evidence
    q: dict[str, Any] = field(default_factory=dict)  # investment_cny, count, date …
    s_subtype: str | None = None
    o_subtype: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The scorer's line form plus our own fields."""
        row: dict[str, Any] = {"doc": self.evidence.doc, "s": self.s, "p": self.p, "o": self.o}
        if self.q:
            row["q"] = self.q
        row.update(s_type=self.s_type, o_type=self.o_type, rule=self.evidence.rule,
                   evidence=asdict(self.evidence))
        if self.s_subtype:
            row["s_subtype"] = self.s_subtype
        if self.o_subtype:
            row["o_subtype"] = self.o_subtype
        return row


@dataclass(slots=True)
class EntityMention:
    """An entity the article names, whether or not a fact uses it (persons are scored this way)."""

    doc: str
    article: str
    type: str
    name: str
    subtype: str | None = None
    span: tuple[int, int] = (0, 0)  # raw offsets
    role: str | None = None  # for credited people: reporter, photographer …

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {"doc": self.doc, "entity": self.name, "type": self.type}
        if self.subtype:
            row["subtype"] = self.subtype
        if self.role:
            row["role"] = self.role
        row["article"], row["span"] = self.article, list(self.span)
        return row


@dataclass(slots=True)
class ArticleExtraction:
    """Everything extraction learned from one article; the unit workers send back."""

    article: Article
    facts: list[Fact] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Resolved graph (what every writer reads)
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Entity:
    id: str  # stable: derived from type + canonical key; ASCII [a-z0-9_-]
    type: str  # Person | Organization | Place | Event | Project | Post | Article
    name: str  # canonical Chinese name (Browser/Gephi caption)
    subtype: str | None = None  # GovernmentBody, Enterprise, District, Meeting, Expo …
    aliases: list[str] = field(default_factory=list)  # sorted, excludes name
    attrs: dict[str, Any] = field(default_factory=dict)  # scalars or lists of scalars only


@dataclass(slots=True)
class GraphFact:
    id: str  # stable: from (s, p, o) ids
    s: str  # Entity.id
    p: str  # a PREDICATE, or a graph-level one: holds_post, post_in, part_of, reported_by
    o: str  # Entity.id
    q: dict[str, Any] = field(default_factory=dict)
    # sorted by (doc, article, start); in a built graph an ondisk.EvidenceList (read from disk)
    evidence: Sequence[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class ArticleMeta:
    id: str
    doc: str
    headline: str
    kind: str
    home_city: str | None
    date: str  # PartialDate.iso() or ""
    span: tuple[int, int]
    credits: list[Credit] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)  # Entity ids named in the article


@dataclass(slots=True)
class Graph:
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: dict[str, GraphFact] = field(default_factory=dict)
    # in a built graph an ondisk.ArticleTable: walked in id order, not looked up by id
    articles: Mapping[str, ArticleMeta] = field(default_factory=dict)
