"""Text made of fixed parts and values, many times over: a function per shape of text, and a
memo for values formatted once and written many times."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def interleaver(parts: Sequence[str], fields: Sequence[int] | None = None) -> Callable[..., str]:
    """A function of values v0, v1, … that returns parts[0] + v[fields[0]] + parts[1] + … +
    parts[-1]; `fields` (default 0, 1, 2, …) may name a value several times or in any order.

    It is an f-string made once for these parts: one allocation per call, where str.format parses
    its template on every call and `+` copies the text once per part (both several times slower
    for texts of 10-20 parts). The parts travel as default arguments, so none of their text is
    ever compiled: the generated code is made of identifiers only."""
    fields = list(range(len(parts) - 1)) if fields is None else list(fields)
    if len(fields) != len(parts) - 1:
        raise ValueError("one field between each two parts")
    constants = {f"c{i}": part for i, part in enumerate(parts)}
    body = "".join(f"{{c{i}}}{{v{field}}}" for i, field in enumerate(fields)) + f"{{c{len(fields)}}}"
    values = [f"v{i}" for i in range(max(fields, default=-1) + 1)]
    params = ", ".join([*values, "*", *(f"{c}={c}" for c in constants)])
    return eval(f"lambda {params}: f'{body}'", {}, constants)


def byte_interleaver(parts: Sequence[str], fields: Sequence[int], conversions: str) -> Callable[..., bytes]:
    """The UTF-8 of interleaver(parts, fields)(v0, v1, …) as a function of v0, v1, … given as
    bytes (UTF-8 already, conversion "s") or ints (conversion "d"): conversions[i] is vi's.

    Text that is mostly ASCII but holds some CJK is stored by str two bytes a character, and
    encoded at the end; bytes %-formatting builds the UTF-8 at once, half the bytes to copy."""
    if len(fields) != len(parts) - 1:
        raise ValueError("one field between each two parts")
    pieces = [part.replace("%", "%%") for part in parts]
    holes = ["%" + conversions[field] for field in fields]
    template = "".join(piece + hole for piece, hole in zip(pieces, [*holes, ""], strict=True)).encode()
    values = [f"v{i}" for i in range(len(conversions))]
    ordered = "".join(f"v{field}, " for field in fields)
    return eval(f"lambda {', '.join([*values, '*', 't=t'])}: t % ({ordered})", {}, {"t": template})


class Memo(dict):
    """key -> make(key), computed on first lookup and kept (a value's formatted text, say); with
    a `limit`, emptied when it reaches it (keys that grow with the archive, such as articles)."""

    __slots__ = ("limit", "make")

    def __init__(self, make: Callable[[Any], Any], limit: int | None = None) -> None:
        super().__init__()
        self.make = make
        self.limit = limit

    def __missing__(self, key: Any) -> Any:
        if self.limit is not None and len(self) >= self.limit:
            self.clear()
        value = self[key] = self.make(key)
        return value
