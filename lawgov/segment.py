"""Segment: jieba word segmentation with the domain dictionary and stop words in ``data/``.

The dictionary (``data/userdict.txt``) keeps terms such as 行政复议, 负责人出庭应诉,
最多跑一次 whole. jieba splits text on 、 before any dictionary lookup, so a term
such as 双随机、一公开 can never match as written: the 、 is dropped from the
dictionary entry and from each occurrence in the text before cutting.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jieba

from .cache import cache_dir

USERDICT_FILE = "userdict.txt"
STOPWORDS_FILE = "stopwords.txt"
ENUMERATION_COMMA = "、"
DEFAULT_FREQ = 1000
_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")

# jieba logs "Building prefix dict … Loading model cost … seconds" at INFO on first use.
jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Segmenter:
    tokenizer: jieba.Tokenizer
    joined: re.Pattern | None
    stopwords: frozenset[str]

    def cut(self, text: str) -> list[str]:
        """Every token of the text (HMM off: new words come from the dictionary only)."""
        if self.joined is not None:
            text = self.joined.sub(lambda m: m.group().replace(ENUMERATION_COMMA, ""), text)
        return self.tokenizer.lcut(text, HMM=False)

    def words(self, text: str) -> list[str]:
        """Content words: Chinese tokens of two or more characters that are not stop words."""
        return [t for t in self.cut(text) if _WORD.match(t) and t not in self.stopwords]

    def counts(self, text: str) -> Counter[str]:
        return Counter(self.words(text))


def _data_lines(name: str) -> list[str]:
    text = resources.files("lawgov").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _entries() -> list[tuple[str, int]]:
    entries = []
    for line in _data_lines(USERDICT_FILE):
        term, _, freq = line.partition(" ")
        entries.append((term, int(freq) if freq.strip() else DEFAULT_FREQ))
    return entries


@cache
def segmenter() -> Segmenter:
    """The shared segmenter (built once per process; jieba's load takes ~0.6 s)."""
    tokenizer = jieba.Tokenizer()
    tmp = cache_dir()
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(tmp)
    except OSError:
        pass  # jieba falls back to the system temp dir
    with_comma = []
    for term, freq in _entries():
        if ENUMERATION_COMMA in term:
            with_comma.append(term)
        tokenizer.add_word(term.replace(ENUMERATION_COMMA, ""), freq)
    joined = re.compile("|".join(map(re.escape, with_comma))) if with_comma else None
    return Segmenter(tokenizer, joined, frozenset(_data_lines(STOPWORDS_FILE)))


def user_terms() -> list[str]:
    """The dictionary's terms as written (with their 、)."""
    return [term for term, _ in _entries()]
