"""Morphology back-ends: how a token is tied to the dictionary form a pack lists.

Two ways, one per back-end. A lemmatizer maps a token to its candidate lemmas at check time
(spaCy's lookup table and noun suffix rules, simplemma, lemmagen3). An inflector generates
every form of a listed lemma once, when the term is added, so that checking a token costs a
set look-up: the Database of Icelandic Morphology (BÍN, through `islenska`) lists every form
of some 300,000 headwords, and generating them at load time was faster at check time than
looking tokens up (README, "Languages"). Each back-end is imported and loaded only when a
pipeline of its language is built, and BÍN only when the first term is added.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

Lemmatizer = Callable[[str], tuple[str, ...]]   # folded token -> candidate lemmas (maybe none)
Inflector = Callable[[str], frozenset[str]]     # folded dictionary form -> all its forms (maybe none)

KINDS = ("none", "lookups", "rules", "simplemma", "lemmagen3", "bin")


@dataclass(frozen=True)
class Morphology:
    """Lemmatizers (their lemmas are pooled; the first one's lemma is a token's LEMMA in token
    patterns) and an optional inflector."""
    lemmatizers: tuple[Lemmatizer, ...] = ()
    inflect: Inflector | None = None

    def lemmas(self, word: str) -> tuple[str, ...]:
        """Every candidate lemma of the folded token `word`, the first back-end's first."""
        if len(self.lemmatizers) == 1:
            return self.lemmatizers[0](word)
        return tuple(dict.fromkeys(lemma for lemmatize in self.lemmatizers for lemma in lemmatize(word)))

    def lemma(self, word: str) -> str | None:
        """The first back-end's lemma of `word`, None when it has none. Token patterns see
        this one, so that a pattern's LEMMA list reads as it did before another back-end
        joined."""
        lemmas = self.lemmatizers[0](word) if self.lemmatizers else ()
        return lemmas[0] if lemmas else None


@lru_cache(maxsize=None)
def get_morphology(kind: str, lang: str) -> Morphology:
    """The back-end `kind` for `lang`: one of KINDS, or lemmatizers joined by '+'
    ("simplemma+lemmagen3": a token's lemmas are the union). An unknown kind is a
    configuration error."""
    if kind == "bin":
        return Morphology(inflect=icelandic_forms)
    if kind == "none":
        return Morphology()
    return Morphology(tuple(_lemmatizer(part, lang) for part in kind.split("+")))


def _lemmatizer(kind: str, lang: str) -> Lemmatizer:
    if kind == "lookups":
        table = _lookups_data(lang, "lemma_lookup")

        def lookup(word: str) -> tuple[str, ...]:
            lemma = table.get(word)
            return (lemma,) if lemma else ()

        return lookup
    if kind == "rules":
        rules = [(old, new) for old, new in _lookups_data(lang, "lemma_rules")["noun"] if old]

        def noun_rules(word: str) -> tuple[str, ...]:
            # Every reading spaCy's noun suffix rules allow ("asses": "asse", "ass"); the
            # lexicon keeps only a reading that is listed, so no dictionary needs to vouch.
            return tuple(word[: -len(old)] + new for old, new in rules if word.endswith(old) and len(word) > len(old) + 1)

        return noun_rules
    if kind == "simplemma":
        import simplemma

        def simple(word: str) -> tuple[str, ...]:
            # simplemma rejects the empty string a token of invisible characters folds to.
            return (simplemma.lemmatize(word, lang=lang).casefold(),) if word else ()

        return lru_cache(maxsize=131072)(simple)
    if kind == "lemmagen3":
        from lemmagen3 import Lemmatizer as Lemmagen

        lemmagen = Lemmagen(lang)

        def lemmagen3(word: str) -> tuple[str, ...]:
            if not word:
                return ()
            try:
                return (lemmagen.lemmatize(word).casefold(),)
            except UnicodeDecodeError:  # lemmagen3 cuts long words inside a UTF-8 sequence
                return ()

        return lru_cache(maxsize=131072)(lemmagen3)
    raise ValueError(f"unknown lemmatizer {kind!r} (use {', '.join(KINDS)}, or lemmatizers joined by '+')")


def _lookups_data(lang: str, table: str) -> dict:
    """A table of spacy-lookups-data for `lang` as the plain dict in the package. spaCy's
    `load_lookups` would copy it into a Table that hashes every key on the way in (English
    lemmas: some 40,000, three times the time it takes to read them)."""
    from spacy.util import load_language_data, registry

    if lang not in registry.lookups or table not in registry.lookups.get(lang):
        raise ValueError(f"spacy-lookups-data has no table {table!r} for {lang!r}")
    return load_language_data(registry.lookups.get(lang)[table])


@lru_cache(maxsize=1)
def _bin():
    # The low-level reader: its lemma_forms() is four times faster than Bin.lookup_id()
    # and skips the compound guessing that Bin adds to every look-up.
    from islenska.bincompress import BinCompressed

    return BinCompressed()


# Nouns of the three genders, adjectives and verbs. Pronouns, prepositions and adverbs in a
# listed phrase keep the form the author wrote: "hann" would otherwise also be "þá", "þeim".
_INFLECTED_CLASSES = frozenset({"kk", "kvk", "hk", "lo", "so"})


def _headword_ids(bin, word: str) -> set[int]:
    return {entry[1] for entry in bin.lookup(word, lemma=word) if entry[2] in _INFLECTED_CLASSES}


def icelandic_forms(word: str) -> frozenset[str]:
    """Every form BÍN gives the folded Icelandic headword `word`, in every paradigm with that
    headword (fífl: fíflið, fíflinu, fíflum, ...). A word BÍN does not know at all may be a
    proper noun (packs fold "Sjálfstæðisflokkur") or a compound BÍN can split
    (helvítisdrasl: the forms of drasl behind helvítis). Empty when BÍN has no such headword,
    as for a listed form that is not a dictionary form."""
    bin = _bin()
    ids, prefix = _headword_ids(bin, word), ""
    if not ids and word and not bin.contains(word):
        ids = _headword_ids(bin, word[0].upper() + word[1:])
        parts = [] if ids else bin.compound_split(word)
        if len(parts) > 1 and word.endswith(parts[-1]):
            prefix = word[: len(word) - len(parts[-1])]
            ids = _headword_ids(bin, parts[-1])
    return frozenset(prefix + form.casefold() for i in ids for form in bin.lemma_forms(i))
