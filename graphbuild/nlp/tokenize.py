"""Word segmentation with rjieba (jieba's dictionary, much faster), taught the package's name endings.

The user words go into a private `rjieba.Jieba` instance, never into rjieba's global dictionary:
`rjieba.add_word` on the module mutates the tokenizer every other caller (nlp/persons.py's
`rjieba.tag`) shares, so their results would depend on whether `tokenize` had run first.
"""

from __future__ import annotations

from functools import cache

import rjieba

from graphbuild.lexicon.events import EVENT_NOUNS
from graphbuild.lexicon.orgs import ORG_SUFFIXES, PLACE_SUFFIXES
from graphbuild.lexicon.titles import title_heads


def user_words() -> list[tuple[str, str]]:
    """(word, tag) of name endings, event nouns and title heads, sorted for a stable dictionary."""
    words = {(w, "n") for w in ORG_SUFFIXES if len(w) > 1}
    words |= {(w, "ns") for w in PLACE_SUFFIXES if len(w) > 1}
    words |= {(w, "n") for w in EVENT_NOUNS if len(w) > 1}
    words |= {(w, "n") for w in title_heads() if len(w) > 1}
    return sorted(words)


@cache
def tokenizer() -> rjieba.Jieba:
    """The package's own tokenizer: jieba's dictionary plus `user_words()`, built once."""
    jieba = rjieba.Jieba()
    for word, tag in user_words():
        jieba.add_word(word, None, tag)
    return jieba


def tokenize(text: str) -> list[tuple[str, str, int]]:
    """(word, pos-tag, start offset in text) for each token."""
    out, pos = [], 0
    for word, tag in tokenizer().tag(text):
        out.append((word, tag, pos))
        pos += len(word)
    return out
