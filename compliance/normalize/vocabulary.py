"""The common words of a language, from wordfreq's frequency lists: what tells a real word
of the post's language ('čas' in Slovenian) from a disguised one ('fück'), and what hashtag
splitting prefers."""
from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Collection

import regex

# wordfreq's lists for the small languages end near this size; for English, Macedonian and
# Hebrew it reaches words used about once in ten million, rarer than any word a post relies on.
SIZE = 50_000
# A letter of the language's alphabet turns up in at least this share of its words: Icelandic
# á and þ, Slovenian č, Macedonian џ; English é (café) and German-looking ü do not.
ALPHABET_SHARE = 0.002


class Vocabulary:
    """Words ranked by frequency (0 is the commonest). wordfreq gives them case-folded and
    NFC-normalised, as tokens are once folded."""

    def __init__(self, words: list[str]) -> None:
        self._rank: dict[str, int] = {}
        for rank, word in enumerate(words):
            self._rank.setdefault(word, rank)
        self._by_length: dict[int, str] | None = None
        self._letters: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        return word in self._rank

    def __len__(self) -> int:
        return len(self._rank)

    def rank(self, word: str) -> int | None:
        return self._rank.get(word)

    @property
    def letters(self) -> frozenset[str]:
        """The letters of the language's alphabet, as its common words use them."""
        if self._letters is None:
            counts: dict[str, int] = {}
            for word in self._rank:
                for ch in set(word):
                    counts[ch] = counts.get(ch, 0) + 1
            least = ALPHABET_SHARE * len(self._rank)
            self._letters = frozenset(ch for ch, n in counts.items() if ch.isalpha() and n >= least)
        return self._letters

    def commonest(self, n: int) -> list[str]:
        """The `n` commonest words of two letters or more."""
        return [w for w in itertools.islice(self._rank, n) if len(w) >= 2]

    def filling(self, masked: str, masks: Collection[str]) -> list[str]:
        """The words that `masked` spells with a letter in place of each of its `masks`
        characters, commonest first. Words are kept one per line by length, so one regex
        scan serves."""
        if self._by_length is None:
            by_length: dict[int, list[str]] = {}
            for word in self._rank:
                by_length.setdefault(len(word), []).append(word)
            self._by_length = {n: "\n".join(words) for n, words in by_length.items()}
        block = self._by_length.get(len(masked))
        if not block:
            return []
        pattern = "".join(r"[^\W\d_]" if ch in masks else regex.escape(ch) for ch in masked)
        return regex.findall(f"(?m)^{pattern}$", block)


def _wordlist(lang: str) -> list[str]:
    import wordfreq

    if lang not in wordfreq.available_languages():
        return []
    return list(itertools.islice(wordfreq.iter_wordlist(lang), SIZE))


@lru_cache(maxsize=None)
def vocabulary(lang: str) -> Vocabulary:
    """The `SIZE` commonest words of `lang`; empty for a language wordfreq does not cover.
    The lists are kept in the user's cache folder: importing wordfreq and unpacking its
    data cost a cold start about 0.4 s."""
    from importlib.metadata import version

    from ..packs.cache import memo

    return Vocabulary(memo(f"wordfreq-{lang}-{SIZE}", version("wordfreq"), lambda: _wordlist(lang), list))
