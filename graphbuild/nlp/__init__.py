"""Sentences, tokens, mentions and numbers (the stage between articles and facts)."""

from graphbuild.nlp.mentions import find_mentions
from graphbuild.nlp.numbers import parse_count, parse_money
from graphbuild.nlp.sentences import split_sentences
from graphbuild.nlp.tokenize import tokenize

__all__ = ["find_mentions", "parse_count", "parse_money", "split_sentences", "tokenize"]
