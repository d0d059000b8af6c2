"""Dates as pages state them: a year only when the text or the user gives one, never invented."""

from __future__ import annotations

import re
from datetime import date as _date
from itertools import islice

from graphbuild.model import PartialDate

DATE = re.compile(r"(?:(?P<y>(?:19|20)\d\d) *年 *)?(?P<m>\d{1,2}) *月 *(?P<d>\d{1,2}) *日")
# A masthead line: 2019年8月30日 星期五 (possibly after the paper's name, before a page number)
MASTHEAD = re.compile(
    r"^[^\n]{0,16}?(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日 *"
    r"(?:星期|周)[一二三四五六日天][^\n。，]{0,30}$")


def parse_option_date(value: str) -> PartialDate:
    """--date: 2025-08-20, 2025-08, 2025 or --08-20 (month and day, year unknown); ValueError otherwise."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?|--(\d{1,2})-(\d{1,2})", value.strip())
    if not m:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD)")
    year, month, day, md_month, md_day = (int(g) if g else None for g in m.groups())
    month, day = month or md_month, day or md_day
    if month and day:
        if not _valid(year, month, day):
            raise ValueError(f"no such day: {value!r}")
    elif month and not 1 <= month <= 12:
        raise ValueError(f"not a month: {value!r}")
    return PartialDate(year, month, day)


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        _date(year or 2000, month, day)  # 2000 is a leap year: 2月29日 stays valid without a year
    except ValueError:
        return False
    return True


def _nearest_year(month: int, day: int, page_date: PartialDate) -> int:
    """The year putting month/day closest to the page date: 12月30日 on a January page is last
    year's, 9月6日 on an August page this year's."""
    year = page_date.year or 2000
    anchor = _date(year, page_date.month or 7, page_date.day or 1)

    def distance(y: int) -> int:
        try:
            return abs((_date(y, month, day) - anchor).days)
        except ValueError:  # 2月29日 outside leap years
            return 1 << 30
    return min((year, year - 1, year + 1), key=distance)


def first_date(text: str, page_date: PartialDate | None = None) -> PartialDate | None:
    """The first valid date in text; a month/day borrows the year of page_date that puts it
    nearest to the page (a year is never guessed without one)."""
    if "月" not in text:  # every date has one: spare the scan
        return None
    for m in DATE.finditer(text):
        year, month, day = (int(m.group("y")) if m.group("y") else None), int(m.group("m")), int(m.group("d"))
        if not _valid(year, month, day):
            continue
        if year is None and page_date and page_date.year:
            year = _nearest_year(month, day, page_date)
        return PartialDate(year, month, day)
    return None


_DATELINE = re.compile(rf"(?:{DATE.pattern})(?:上午|下午|晚上|晚间|早上|中午|凌晨|晚)?，")
_SENTENCES = re.compile(r"[^。！？\n]+")


def article_date(body: str, page_date: PartialDate | None = None) -> PartialDate | None:
    """When the story happened: a sentence opening with a date (8月29日上午，…) among the first
    two sentences, else the first date of the first sentence, else the page date."""
    sentences = [m.group() for m in islice(_SENTENCES.finditer(body, 0, 400), 2)]
    for sentence in sentences:
        if _DATELINE.match(sentence):
            return first_date(sentence, page_date)
    found = first_date(sentences[0], page_date) if sentences else None
    return found or page_date


def masthead_date(line: str) -> PartialDate | None:
    m = MASTHEAD.match(line.strip())
    if m is None or not _valid(int(m["y"]), int(m["m"]), int(m["d"])):
        return None
    return PartialDate(int(m["y"]), int(m["m"]), int(m["d"]))
