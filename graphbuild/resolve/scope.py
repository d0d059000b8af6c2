"""Scope: the article a mention was read in, which relative names (市, 我市, 区政府) resolve against."""

from __future__ import annotations

from dataclasses import dataclass

PROVINCE = "吉林省"  # the papers this tool reads are Jilin's; 我省/全省 mean this province


@dataclass(frozen=True, slots=True)
class Scope:
    doc: str
    article: str
    city: str | None  # canonical home city, e.g. 四平市
    district: str | None = None  # the district/county the article is mostly about, when clear
    date: str = ""  # article date, PartialDate.iso()

    @property
    def city_key(self) -> str:
        return self.city or ""
