"""The words that the rules of one pipeline list, and which of them a token spells.

A token spells a listed word when its folded form, its lemma, a prefix-stripped form
(Hebrew attaches ו ה ב ל מ ש כ) or an un-obfuscated spelling of it is that word, or when it
starts with a listed stem (`sranj*`). Forms are only kept when they are listed, so `l33t`,
prices and years stay as they are.
"""
from __future__ import annotations

import threading
from collections import defaultdict

import regex

from .lemmas import Lemmatizer
from .spellings import spellings

STEM = "*"
MAX_DISGUISED_LENGTH = 64


class Lexicon:
    """Known keys: whole words (`idiot`) and stems (`sranj*`). Thread-safe, with a cache.
    With `decode` off, disguised spellings (leetspeak, masks, stretched letters) are not tried."""

    def __init__(self, lemmatize: Lemmatizer, affixes: tuple[str, ...] = (), max_affixes: int = 0,
                 cache_size: int = 200_000, decode: bool = True) -> None:
        self.lemmatize = lemmatize
        self.decode = decode
        self.affixes = frozenset(affixes)
        self.max_affixes = max_affixes
        self.words: set[str] = set()
        self.stems: set[str] = set()
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._longest_stem = 0
        self._cache: dict[str, tuple[str, ...]] = {}
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def add(self, key: str) -> None:
        """List a key: a folded word, or a stem ending in '*'."""
        with self._lock:
            if key.endswith(STEM):
                self.stems.add(key[:-1])
                self._longest_stem = max(self._longest_stem, len(key) - 1)
            elif key not in self.words:
                self.words.add(key)
                self._by_length[len(key)].append(key)
            self._cache.clear()

    def keys_for(self, word: str) -> tuple[str, ...]:
        """Listed keys that the folded token `word` spells, most literal first; () if none."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        keys: list[str] = []
        self._collect(word, keys)
        # A disguised word is a short one; a 100,000-letter token is not worth decoding.
        if not keys and self.decode and len(word) <= MAX_DISGUISED_LENGTH:
            for form in spellings(word):
                for candidate in (self._unmask(form) if "." in form else (form,)):
                    self._collect(candidate, keys)
        result = tuple(dict.fromkeys(keys))
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _unmask(self, form: str) -> list[str]:
        pattern = regex.compile(regex.escape(form).replace("\\.", "."))
        return [w for w in self._by_length.get(len(form), ()) if pattern.fullmatch(w)]

    def _collect(self, word: str, keys: list[str]) -> None:
        for form in self._deaffixed(word):
            if form in self.words:
                keys.append(form)
            lemma = self.lemmatize(form)
            if lemma != form and lemma in self.words:
                keys.append(lemma)
            keys.extend(stem + STEM for stem in self._stems_of(form))

    def _deaffixed(self, word: str) -> list[str]:
        forms = [word]
        for k in range(1, self.max_affixes + 1):
            if len(word) - k < 2 or word[k - 1] not in self.affixes:
                break
            forms.append(word[k:])
        return forms

    def _stems_of(self, word: str) -> list[str]:
        """Every listed stem `word` starts with, longest first."""
        if not self.stems:
            return []
        return [word[:n] for n in range(min(len(word), self._longest_stem), 2, -1) if word[:n] in self.stems]
