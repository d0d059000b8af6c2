"""Text made of fixed parts and values, many times over: a function per shape of text."""

from __future__ import annotations

from collections.abc import Callable, Sequence


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
