"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, then a detector.

Order matters: charset-normalizer can misread short Chinese texts, so the strict decoders that
almost never accept the wrong encoding go first.
"""

from __future__ import annotations

import codecs

from graphbuild.model import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SNIFF = 8192  # bytes looked at for NULs and control characters
_MAX_BAD_PER = 1000  # at most one undecodable UTF-8 sequence per this many characters
# Control bytes other than \t \n \v \f \r; deleting them with bytes.translate counts them in C.
_CONTROL_BYTES = bytes(b for b in range(32) if not 9 <= b <= 13)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) or InputError with a one-line cause."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding, path), encoding
    if _looks_binary(data[:_SNIFF]):
        raise InputError(path, "not a text file (binary)")
    text = _utf8_allowing_truncated_end(data)
    if text is not None:
        return text, "utf-8"
    text = _mostly_decodable(data, "gb18030")
    if text is not None:
        return text, "gb18030"
    return _detect(data, path)


def _decode_strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(path, f"invalid {encoding} at byte {err.start}") from None


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 100 + 2


def _utf8_allowing_truncated_end(data: bytes) -> str | None:
    """UTF-8 when the bytes are UTF-8 but for a character cut off by the end of the file or a
    few corrupt bytes (each becomes U+FFFD). GBK read as UTF-8 fails on nearly every character,
    so it never gets here; trying GB18030 first would accept corrupt UTF-8 as garbage."""
    return _mostly_decodable(data, "utf-8")


def _mostly_decodable(data: bytes, encoding: str) -> str | None:
    """The text when `encoding` fits all but a few corrupt bytes (each becomes U+FFFD): one bad
    byte should cost a character, not the page."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="replace")
    return text if text.count("\ufffd") <= len(text) // _MAX_BAD_PER + 1 else None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "not a text file (no known encoding fits)")
    return str(best), best.encoding
