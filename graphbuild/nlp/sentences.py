"""Split an article into sentences (titles first) and sentences into clauses, quotes kept whole."""

from __future__ import annotations

import re

from graphbuild.model import Article, MappedText, Sentence

_END = "。！？!?"
_CLOSERS = "”’」』）)"
_SENTENCE_RE = re.compile(rf"[^{_END}\n]*(?:[{_END}]+[{_CLOSERS}]*|\n|$)")
_OPEN, _CLOSE = "“‘「『（(《", "”’」』）)》"
CLAUSE_BREAKS = "，,；;：:"
_BRACKET_RE = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")
_PLAIN_CLAUSE_RE = re.compile("[^" + re.escape(CLAUSE_BREAKS + _END) + "]+")


def _pieces(text: MappedText) -> list[tuple[int, int]]:
    """[start, end) of each sentence with surrounding whitespace trimmed; empty ones dropped."""
    spans = []
    whole = text.text
    for m in _SENTENCE_RE.finditer(whole):
        start, end = m.span()
        if start == end:
            continue
        if whole[start].isspace() or whole[end - 1].isspace():
            piece = whole[start:end]
            kept = piece.strip()  # str.strip() drops exactly the characters str.isspace() holds
            if not kept:
                continue
            start += len(piece) - len(piece.lstrip())
            end = start + len(kept)
        spans.append((start, end))
    return spans


def split_sentences(article: Article) -> list[Sentence]:
    """Titles first (in_title=True, one sentence per title), then the body split at 。！？ and lines."""
    out: list[Sentence] = []
    for _role, title in article.titles:
        for start, end in _pieces(title):
            out.append(Sentence(article.id, len(out), title.slice(start, end), in_title=True))
    for start, end in _pieces(article.body):
        out.append(Sentence(article.id, len(out), article.body.slice(start, end)))
    return out


def join_sentences(sentences: list[Sentence]) -> tuple[str, list[int]]:
    """The sentence texts joined by newlines (no sentence holds one), and where each starts."""
    starts, pos = [], 0
    for sentence in sentences:
        starts.append(pos)
        pos += len(sentence.text) + 1
    return "\n".join(s.text.text for s in sentences), starts


def clauses(text: str) -> list[tuple[int, int]]:
    """[start, end) of the clauses of a sentence: split at ，；： outside quotes and brackets."""
    if not _BRACKET_RE.search(text):  # most sentences: one regex pass, no per-character loop
        return [m.span() for m in _PLAIN_CLAUSE_RE.finditer(text)]
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in CLAUSE_BREAKS or ch in _END):
            if i > start:
                spans.append((start, i))
            start = i + 1
    if len(text) > start:
        spans.append((start, len(text)))
    return spans
