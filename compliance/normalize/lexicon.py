"""The words that the rules of one pipeline list, and which of them a token spells.

A token spells a listed word when its folded form, one of its lemmas, a prefix-stripped form
(Hebrew attaches ו ה ב ל מ ש כ) or an un-obfuscated reading of it is that word or one of the
word's generated inflected forms, or when it starts with a listed stem (`sranj*`). Readings
are only kept when they spell something listed, so `l33t`, prices and years stay as they are.
"""
from __future__ import annotations

import threading
from collections import defaultdict

from .lemmas import Morphology
from .spellings import STEM, KeyShapes, readings
from .vocabulary import Vocabulary, vocabulary

MAX_DISGUISED_LENGTH = 64
# Nor is a word of one or two letters a disguise's target: it has no letters to hide, and the
# small words patterns name ("a", "is") would be read into codes such as "4AA".
MIN_DISGUISED_TARGET = 3


class Lexicon:
    """Known keys: whole words (`idiot`) and stems (`sranj*`). Thread-safe, with a cache.
    With `decode` off, disguised spellings (leetspeak, masks, stretched letters) are not tried.
    A morphology with an inflector adds every form of a listed word when the word is added;
    one with a lemmatizer ties a token to its lemmas when it is looked up. `lang` is the
    language of the posts, whose common words are never read as disguises."""

    def __init__(self, morphology: Morphology, affixes: tuple[str, ...] = (), max_affixes: int = 0,
                 cache_size: int = 200_000, decode: bool = True, lang: str = "") -> None:
        self.morphology = morphology
        self.decode = decode
        self.lang = lang
        self.affixes = frozenset(affixes)
        self.max_affixes = max_affixes
        self.words: set[str] = set()
        self.stems: set[str] = set()
        self.shapes = KeyShapes()
        # Generated inflected form -> the listed words it is a form of (several when two
        # listed words share a form).
        self._forms: dict[str, set[str]] = defaultdict(set)
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
                for form in self.morphology.inflect(key) if self.morphology.inflect else ():
                    self._forms[form].add(key)
                    self.shapes.add(form)  # so a disguised inflected form is read too
            self.shapes.add(key)
            self._cache.clear()

    def lemmatize(self, word: str) -> str:
        """One lemma of the folded token `word`, for token patterns' LEMMA: the first
        lemmatizer's, else the listed word it is a generated form of, else the word itself."""
        lemma = self.morphology.lemma(word)
        if lemma:
            return lemma
        listed = self._forms.get(word)
        return min(listed) if listed else word

    def keys_for(self, word: str) -> tuple[str, ...]:
        """Listed keys that the folded token `word` spells, most literal first; () if none."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        keys: list[str] = []
        self._collect(word, keys)
        # A disguised word is a short one; a 100,000-letter token is not worth decoding.
        if not keys and self.decode and len(word) <= MAX_DISGUISED_LENGTH:
            for candidate in readings(word, self.shapes, self.vocabulary):
                if len(candidate) >= MIN_DISGUISED_TARGET:
                    self._collect(candidate, keys)
        result = tuple(dict.fromkeys(keys))
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[word] = result
        return result

    def reading(self, word: str) -> str | None:
        """The word of the language, or the listed key, that the folded, disguised `word`
        spells ('k!ll' -> 'kill', 'p@ssw0rd' -> 'password'), most literal reading first; None
        for a word that is no disguise (a word of the language itself, a code, a number)."""
        if not self.decode or len(word) > MAX_DISGUISED_LENGTH or word in self.vocabulary:
            return None
        for candidate in readings(word, self.shapes, self.vocabulary):
            if len(candidate) >= MIN_DISGUISED_TARGET and candidate.isalpha() and (
                    candidate in self.vocabulary or candidate in self.words):
                return candidate
        return None

    @property
    def vocabulary(self) -> Vocabulary:
        return vocabulary(self.lang)

    def _collect(self, word: str, keys: list[str]) -> None:
        for form in self._deaffixed(word):
            if form in self.words:
                keys.append(form)
            keys.extend(sorted(self._forms.get(form, ())))
            keys.extend(lemma for lemma in self.morphology.lemmas(form) if lemma != form and lemma in self.words)
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
