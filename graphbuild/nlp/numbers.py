"""Money and counts as the pages write them: `18 亿元`, `50.54亿元`, `300万元`, `两万多元`, `54家`."""

from __future__ import annotations

import re

_UNITS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
_NUM = r"[0-9０-９][0-9０-９.,．]*|[零〇一二两三四五六七八九十百千]+"
MONEY_RE = re.compile(
    rf"((?:{_NUM})\s*(?:万亿|亿|万|千|百)?\s*(?:多|余|几)?\s*(?:万亿|亿|万|千|百)?)\s*(?:元|块钱)")
COUNT_RE = re.compile(rf"((?:{_NUM})\s*(?:万|千|百)?)\s*(?:多|余)?\s*(?:家|个|户|名|人|项|场|次|件|所|处)")


def _to_number(digits: str) -> float | None:
    digits = digits.strip().replace(",", "").replace("，", "")
    digits = digits.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    if not digits:
        return None
    try:
        return float(digits)
    except ValueError:
        pass
    import cn2an  # here, not at the top: importing it takes ~0.09 s, and most numbers are digits

    try:
        return float(cn2an.cn2an(digits, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _parse_amount(text: str) -> float | None:
    """'50.54亿' → 5.054e9; '两万多' → 2e4 (多/余 are dropped: the page gives a floor)."""
    text = re.sub(r"\s+", "", text).replace("多", "").replace("余", "").replace("几", "")
    multiplier = 1.0
    while text and text[-1] in "万亿千百":
        unit = "万亿" if text.endswith("万亿") else text[-1]
        if unit in ("千", "百") and re.search(r"[一二两三四五六七八九十]", text):
            break  # 一百二十 is a Chinese numeral, not a unit on a number
        multiplier *= _UNITS[unit]
        text = text[: -len(unit)]
    value = _to_number(text)
    return None if value is None else value * multiplier


def parse_money(text: str) -> float | None:
    """Yuan in `text` (the first amount), or None: `投资18亿元` → 1.8e9."""
    m = MONEY_RE.search(text)
    return _parse_amount(m.group(1)) if m else None


def parse_count(text: str) -> int | None:
    """The first counted quantity in `text`: `精选 17 家企业` → 17, `百余人` → None unless a number leads."""
    m = COUNT_RE.search(text)
    if not m:
        return None
    value = _parse_amount(m.group(1))
    return int(value) if value is not None else None
