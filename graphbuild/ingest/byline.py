"""Bylines and credits: who reported, photographed, edited or commented.

Patterns work on normalised text (full-width brackets, single spaces). Names keep raw spans
through the MappedText they are cut from.
"""

from __future__ import annotations

import re

from graphbuild.model import Credit, MappedText

ROLE_WORDS = {
    "本报记者": "reporter", "记者": "reporter", "见习记者": "reporter", "特约记者": "reporter",
    "本报通讯员": "correspondent", "通讯员": "correspondent", "特约通讯员": "correspondent",
    "实习生": "intern", "摄影记者": "photographer", "摄影": "photographer", "摄": "photographer",
    "本版编辑": "editor", "责任编辑": "editor", "编辑": "editor", "美术编辑": "editor", "美编": "editor",
    "本版校对": "proofreader", "校对": "proofreader",
}
_ROLE_ALT = "|".join(sorted((w for w in ROLE_WORDS if w != "摄"), key=len, reverse=True))
_NAME = r"[\u4e00-\u9fff·]{2,6}"
_NAMES = rf"{_NAME}(?:[ 、，]{_NAME}){{0,5}}"
_REPORTER_ROLES = "本报记者|本报通讯员|记者|通讯员|特约记者|特约通讯员|见习记者|摄影记者|实习生"

# 本报讯（记者 汪琳 王彦雨） / 本报北京讯 / 本报讯 近日… ; （记者 张宪双） at a paragraph start.
BYLINE_START = re.compile(
    rf"^(?:本报[\u4e00-\u9fff]{{0,6}}?讯(?!员) *(?:（(?P<c1>[^）\n]{{0,40}})）)?"
    rf"|（(?P<c2>(?:{_REPORTER_ROLES})[^）\n]{{1,40}})）"
    r"|(?P<wire>(?:新华社|中新社)[^电\n]{0,20}电) *(?:（(?P<c3>[^）\n]{0,40})）)?) *")
# A credit alone on its line, heading a feature: 本报通讯员 李照星 / 《吉林日报》评论员.
_BULLET = "[■□●◆▲★]? *"
# 文/图 本报记者 X · 文/X · 摄影：X
_SLASH_CREDIT = "(?:(?:文/图|图/文|文图)[ ／/：]|(?:文|图|摄影)[／/：]) *(?:本报)?(?:记者|通讯员)?"
CREDIT_LINE = re.compile(
    rf"^{_BULLET}(?:(?P<role>{_REPORTER_ROLES}|{_SLASH_CREDIT}) *"
    rf"(?P<names>{_NAMES}(?: (?:{_REPORTER_ROLES}) *{_NAMES}){{0,3}})"
    r"|(?P<commentator>(?:《[^》]{2,12}》|本报)(?:特约)?评论员))$")
_PHOTO_ROLE = rf"(?:本报)?(?:{_REPORTER_ROLES}|特约摄影师?|摄影)"
# A photo credit alone on its line, or ending a caption paragraph.
PHOTO_LINE = re.compile(
    rf"^{_BULLET}（?(?:{_PHOTO_ROLE} *(?P<names>{_NAMES}) *|(?P<bare>{_NAMES}) )摄(?:影)?）?$")
PHOTO_TAIL = re.compile(
    rf"(?<=[。！？”）]) *（?(?P<credit>{_PHOTO_ROLE} *(?P<names>{_NAMES}) *摄(?:影)?)）?$"
    rf"| （?(?P<credit2>{_PHOTO_ROLE}? *(?P<names2>{_NAMES}) +摄(?:影)?)）?$")
# （热线轩） or （记者 李明） closing a body.
SIGNOFF = re.compile(
    rf"（(?:(?P<role>{_REPORTER_ROLES}) *(?P<names>{_NAMES})|(?P<name>[\u4e00-\u9fff]{{2,5}}))）$")
_NOT_SIGNOFF = re.compile(r"^(?:完|续|图|待续|未完|全文完|\S*[版期])$")
REPRINT = re.compile(r"^（(?:转自|转载自|摘自|来源：?|原载)《?(?P<source>[^》）]{2,20})》?）$")
EDITORS_LINE = re.compile(r"^(?:本版|责任)?(?:编辑|校对|美编)[： ]")

_PEN_SUFFIX = re.compile(r"(?:宣|宣传|轩|言|评|办|组|文)$")
# 新华社记者 / 市融媒体中心记者: the outlet before a role word is not a name.
_OUTLET = re.compile(r"(?:中心|社|报|台|网|站|部|局|委)$")
_ROLE_SPLIT = re.compile(f"({_ROLE_ALT})")
_NAME_TOKEN = re.compile(r"[^\s、，,：:]+")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff·]{2,8}")
_NOT_NAMES = frozenset({"报道", "综合", "整理", "编译", "摄影", "供图", "图文", "实习"})


def looks_like_person(name: str) -> bool:
    """A personal name starts with a surname; a pen name such as 东宣 (a district short name plus
    宣传) or 热线轩 does not, or is short and ends like a unit's signature."""
    try:
        from graphbuild.lexicon.surnames import surname_length
    except ImportError:  # the persons lexicon is another area's; degrade to "is a person"
        return True
    if not 2 <= len(name) <= 4 or "·" in name:
        return "·" in name
    n = surname_length(name)
    if n == 0:
        return False
    return not (len(name) <= 3 and _PEN_SUFFIX.search(name) and len(name) - n == 1)


def _letterspaced(text: MappedText, start: int, end: int) -> bool:
    """Were text[start:end]'s characters spaced apart in the raw file (本 报 讯（记 者 王 茵 李 锋）)?
    One pair may touch: a name broken by a line end (王彦\n雨) leaves one gap, not all."""
    offsets = text.offsets
    gaps = sum(offsets[i + 1] - offsets[i] > 1 for i in range(start, end - 1))
    return gaps >= end - start - 2 and gaps >= 2


def split_names(run: str) -> list[str] | None:
    """Cut a run of names written without separators into names that each start with a surname
    (a compound one where the run has it) and are 2–3 characters long (3–4 with a compound
    surname): 王茵李锋 → 王茵 李锋. Fewest names first, then the most three-character ones (the
    commonest length). None when the run cannot be cut into two or more such names."""
    try:
        from graphbuild.lexicon.surnames import compound_surnames, single_surnames
    except ImportError:  # the persons lexicon is another area's
        return None
    singles, compounds = single_surnames(), compound_surnames()

    def lengths(i: int) -> tuple[int, ...]:
        if run[i:i + 2] in compounds:
            return (3, 4)
        return (2, 3) if run[i] in singles else ()

    best: dict[int, list[str] | None] = {len(run): []}  # cuts of run[i:], best first
    for i in range(len(run) - 1, -1, -1):
        options = [[run[i:i + n], *best[i + n]] for n in lengths(i)
                   if i + n <= len(run) and best.get(i + n) is not None]
        best[i] = min(options, key=lambda names: (len(names), -sum(len(n) == 3 for n in names)),
                      default=None)
    found = best[0]
    return found if found is not None and len(found) > 1 else None


def _spaced_names(text: MappedText, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as one name, or cut into names when letter-spacing hid where they part."""
    if end - start >= 4 and _letterspaced(text, start, end):
        names = split_names(text.text[start:end])
        if names:
            spans, pos = [], start
            for name in names:
                spans.append((pos, pos + len(name)))
                pos += len(name)
            return spans
    return [(start, end)]


def parse_credit_list(text: MappedText, start: int, end: int, default_role: str) -> list[Credit]:
    """Credits in text[start:end], e.g. '记者 汪琳 王彦雨' or '记者张莹莹 实习生 闫书御琳'."""
    credits: list[Credit] = []
    role = default_role
    segment = text.text[start:end]
    pieces = _ROLE_SPLIT.split(segment)
    pos = start
    for piece in pieces:
        if piece in ROLE_WORDS:
            role = ROLE_WORDS[piece]
        else:
            for m in _NAME_TOKEN.finditer(piece):
                name = m.group()
                if (_NAME_CHARS.fullmatch(name) and not _OUTLET.search(name)
                        and name not in _NOT_NAMES):
                    s, e = pos + m.start(), pos + m.end()
                    for a, b in _spaced_names(text, s, e):
                        part = text.text[a:b]
                        credits.append(Credit(part, role, looks_like_person(part), text.raw_span(a, b)))
        pos += len(piece)
    return credits


def closes_story(text: str) -> bool:
    """Does text end with a reporter's or a column's signoff right after a sentence
    (…表示满意。（热线办）, …。（记者 李明））? Such a signoff ends its story even when more text
    follows without a byline or title. Bare names (（秦红宇摄）, （全文另发）) are not enough."""
    m = SIGNOFF.search(text)
    if m is None or not m.start() or text[m.start() - 1] not in "。！？…”’":
        return False
    name = m.group("name")
    return name is None or (len(name) <= 4 and _PEN_SUFFIX.search(name) is not None
                            and not _NOT_SIGNOFF.match(name))


def signoff(text: MappedText) -> tuple[int, list[Credit]]:
    """Credits closing text, e.g. （热线轩） or （记者 李明）, and where they start (len(text)
    when there are none)."""
    m = SIGNOFF.search(text.text)
    if m is None or (m.group("name") and _NOT_SIGNOFF.match(m.group("name"))):
        return len(text), []
    if m.group("names"):
        role = ROLE_WORDS.get(m.group("role"), "reporter")
        return m.start(), parse_credit_list(text, m.start("names"), m.end("names"), role)
    name = m.group("name")
    return m.start(), [Credit(name, "author", looks_like_person(name), text.raw_span(*m.span("name")))]
