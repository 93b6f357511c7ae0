"""Lookup lemmatizers: spaCy's lookup tables where spacy-lookups-data has them, simplemma's
dictionaries for the languages it covers and spaCy does not (Icelandic, Slovenian)."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

Lemmatizer = Callable[[str], str]


def _identity(word: str) -> str:
    return word


@lru_cache(maxsize=None)
def get_lemmatizer(kind: str, lang: str) -> Lemmatizer:
    """A function word -> lemma (the word itself when unknown). `kind` is "lookups",
    "simplemma" or "none"; an unknown kind is a configuration error."""
    if kind == "none":
        return _identity
    if kind == "lookups":
        from spacy.lookups import load_lookups

        table = load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")
        return lambda word: table.get(word, word)
    if kind == "simplemma":
        import simplemma

        @lru_cache(maxsize=131072)
        def lemmatize(word: str) -> str:
            # simplemma rejects the empty string a token of invisible characters folds to.
            return simplemma.lemmatize(word, lang=lang).casefold() if word else word

        return lemmatize
    raise ValueError(f"unknown lemmatizer {kind!r} (use lookups, simplemma or none)")
