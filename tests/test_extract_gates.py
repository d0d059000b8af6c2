"""The shortcuts of the extract stage change no result: sentence gates, cue words, memos and
the faster equivalents of regular expressions give what the plain readings give."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from graphbuild import extract as extract_package
from graphbuild.extract import (
    activities,
    common,
    expos,
    extract_page,
    inspections,
    meetings,
    projects,
    signings,
)
from graphbuild.extract.base import ArticleContext
from graphbuild.ingest import iter_input_files, read_page, segment
from graphbuild.lexicon import orgs
from graphbuild.lexicon.divisions import trie_pattern
from graphbuild.lexicon.events import EVENT_NOUN_RE, EVENT_NOUNS
from graphbuild.lexicon.titles import head_pattern, title_heads
from graphbuild.model import Sentence
from graphbuild.nlp.sentences import _pieces, join_sentences, split_sentences
from graphbuild.resolve.records import from_extraction, to_json
from tests._extract_util import article, mapped

REPO = Path(__file__).resolve().parent.parent
CORPORA = [REPO / "examples" / "seeds", REPO / "eval" / "heldout" / "pages"]


def _pages():
    files = [f for corpus in CORPORA if corpus.exists() for f in iter_input_files([corpus])]
    if not files:
        pytest.skip("no example pages in this checkout")
    return [(page, segment(page)) for page in map(read_page, files)]


def _extracted(pages) -> list[str]:
    return [to_json(from_extraction(x)) for page, articles in pages for x in extract_page(page, articles)]


def _all_rules(rules, ctx, k):
    return [fact for rule, _cue in rules for fact in rule(ctx, k)]


class _Everything:
    """A set that holds every character: a first-character gate that lets everything through."""

    def __contains__(self, item: object) -> bool:
        return True


def test_gates_and_cues_change_no_fact(monkeypatch):
    """Every sentence read by every rule (no trigger, cue, person, expo or event-noun gate)
    gives the same facts and persons as the gated extraction, on the seeds and held-out pages."""
    pages = _pages()
    gated = _extracted(pages)
    every = lambda self, *_: list(range(len(self.sentences)))  # noqa: E731
    monkeypatch.setattr(ArticleContext, "sentences_matching", every)
    monkeypatch.setattr(ArticleContext, "sentences_with_persons", every)
    monkeypatch.setattr(activities, "names_event", lambda ctx, k: True)
    for module in (activities, meetings, projects):
        monkeypatch.setattr(module, "apply_rules", _all_rules)
    monkeypatch.setattr(activities, "could_be_topic_prefix", lambda ctx, text: True)
    monkeypatch.setattr(meetings, "_TRIGGER_RE", re.compile(""))
    monkeypatch.setattr(expos, "_EXPO_NOUN_RE", re.compile(""))
    monkeypatch.setattr(common, "_EVENT_NOUN_INITIALS", _Everything())
    assert inspections and signings and extract_package  # (read through the patched context)
    assert _extracted(pages) == gated


def test_sentences_matching_agrees_with_each_sentence():
    texts = ["近日，市委书记王立国主持召开会议。", "", "项目在青山区开工", "在白河县，他走进产业园", "签约"]
    ctx = ArticleContext(article("。".join(texts)), [])
    ctx.sentences = [Sentence("a#0", i, mapped(t)) for i, t in enumerate(texts)]
    for pattern in (re.compile("召开|项目"), re.compile("在"), re.compile("签约"), re.compile("园|会议")):
        expected = [k for k, t in enumerate(texts) if pattern.search(t)]
        assert ctx.sentences_matching(pattern) == expected
    assert ctx.joined() == join_sentences(ctx.sentences)


def test_tries_match_as_the_flat_alternations_did():
    """Longest word first where several start together, whatever the construction."""
    def flat(words):
        return re.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))

    text = "".join(random.Random(7).choice([*EVENT_NOUNS, *orgs.SUBJECT_STOPS, *title_heads(), "的",
                                            "3", "市", "会"]) for _ in range(3000))
    pairs = [(EVENT_NOUN_RE, flat(EVENT_NOUNS)), (head_pattern(), flat(title_heads())),
             (orgs.SUBJECT_STOP_RE, re.compile(flat(orgs.SUBJECT_STOPS).pattern + r"|[0-9０-９]")),
             (common.EVENT_WORD_RE, re.compile(flat(EVENT_NOUNS).pattern + "|节"))]
    for fast, plain in pairs:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for pos in range(0, 400):
            found, expected = fast.match(text, pos), plain.match(text, pos)
            assert (found and found.span()) == (expected and expected.span())
    assert re.compile(trie_pattern(["ab", "abcd"])).match("abcx").group() == "ab"


def test_name_endings_by_slicing_are_the_anchored_patterns():
    rnd = random.Random(3)
    words = [*orgs.ORG_SUFFIXES, *orgs.PLACE_SUFFIXES]
    chars = "".join(sorted(set("".join(words)))) + "甲乙\n "
    for _ in range(20000):
        name = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 6))) + rnd.choice(["", *words])
        name += "\n" if rnd.random() < 0.1 else ""
        for pattern, suffixes, lengths in ((orgs.ORG_END_RE, orgs.ORG_SUFFIXES, orgs._ORG_SUFFIX_LENGTHS),
                                           (orgs.PLACE_END_RE, orgs.PLACE_SUFFIXES,
                                            orgs._PLACE_SUFFIX_LENGTHS)):
            m = pattern.search(name)
            assert orgs._longest_suffix(name, suffixes, lengths) == (m.group() if m else "")


def test_known_names_are_found_as_their_alternation_finds_them():
    names = {"王立国", "王立国强", "立国强", "李小明"}
    text = "王立国强说，王立国、李小明和立国强\n王立国"
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n)))))
    expected = [(m.start(), m.group()) for m in pattern.finditer(text)]
    assert extract_package._occurrences(text, names) == expected


def test_sentence_pieces_trim_what_isspace_holds():
    def plain(text: str) -> list[tuple[int, int]]:
        from graphbuild.nlp.sentences import _SENTENCE_RE

        spans = []
        for m in _SENTENCE_RE.finditer(text):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
        return spans

    rnd = random.Random(5)
    for _ in range(2000):
        text = "".join(rnd.choice("甲乙。！？\n \u3000\t”") for _ in range(rnd.randint(0, 30)))
        assert _pieces(mapped(text)) == plain(text)


def test_topic_is_read_only_when_a_beginning_could_be_it():
    pages = _pages()
    for _page, articles in pages[:20]:
        for art in articles:
            ctx = ArticleContext(art, split_sentences(art))
            topic = common.article_topic(ctx)
            if topic is not None:
                assert common.could_be_topic_prefix(ctx, topic.name + "座谈会")
                assert common.could_be_topic_prefix(ctx, topic.name)


def test_token_starts_follow_each_token_list():
    """Tokens are rjieba's (word, tag) pairs and their starts a list remembered for the last
    token list: a finder handed an older list still gets that list's starts, and the names
    are those found from a fresh cut."""
    from graphbuild.nlp.persons import find_persons, token_starts, tokenize

    first = "副市长赵晓红、钱立新出席。记者 周文斌 报道"
    second = "市长孙立平主持会议，阿卡诺夫说。"
    first_tokens = tokenize(first)
    tokenize(second)  # now the remembered starts are the second text's
    starts = token_starts(first_tokens)
    assert [first[s:s + len(word)] for (word, _), s in zip(first_tokens, starts, strict=True)] \
        == [word for word, _ in first_tokens]
    assert find_persons(first, first_tokens) == find_persons(first)
