"""What the local part of an e-mail address says about who reads it: a role mailbox that an
organisation publishes ('lostproperty@', 'customer.care@', 'wellbeing@') is made of common
words; a person's address holds a given name, an initial, digits, or a word no dictionary
knows (a surname, a nickname).

Given names come from Faker's locale lists (compliance/data/given-names.txt, made by
tools/build_given_names.py); words from wordfreq's lists of the languages our users write,
folded to ASCII as addresses are typed."""
from __future__ import annotations

import importlib.resources
import itertools
import unicodedata
from functools import lru_cache

import regex

from .hashtags import segments
from .vocabulary import Vocabulary, vocabulary

# The languages whose words name a mailbox; Macedonian read in its Latin spellings, Croatian
# for the Latin words that Macedonian writers share with it ('podrska', 'prodaja').
LATIN_LANGS = ("en", "is", "sl", "hr")
ROMANISED_LANGS = ("mk",)
_PART = regex.compile(r"[._+-]+")
_MIN_WORD = 3   # 'jo', 'al', 'mk': an initial or a name's piece, not a mailbox word


# Letters that decompose to nothing in ASCII but are typed as these ('fjolmidlar' for
# 'fjölmiðlar').
_ASCII_LETTERS = str.maketrans({"ð": "d", "þ": "th", "æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe"})


def ascii_fold(word: str) -> str:
    """`word` in lower-case ASCII letters, as it is typed in an address."""
    return unicodedata.normalize("NFKD", word.lower().translate(_ASCII_LETTERS)).encode("ascii", "ignore").decode()


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    text = importlib.resources.files("compliance").joinpath("data/given-names.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def address_words() -> Vocabulary:
    """The common words of our languages as they are typed in an address, commonest first
    across the languages."""
    from importlib.metadata import version

    from ..packs.cache import memo

    return Vocabulary(memo("address-words", version("wordfreq") + version("cyrtranslit"), _address_words, list))


def _address_words() -> list[str]:
    from .translit import latin_forms

    lists = [vocabulary(lang).commonest(len(vocabulary(lang))) for lang in LATIN_LANGS]
    lists += [[latin_forms(w)[0] for w in vocabulary(lang).commonest(len(vocabulary(lang)))] for lang in ROMANISED_LANGS]
    words = (ascii_fold(w) for w in itertools.chain.from_iterable(itertools.zip_longest(*lists)) if w)
    return [w for w in dict.fromkeys(words) if w.isalpha()]


def is_role_mailbox(local: str) -> bool:
    """True when every piece of the local part (split at dots, dashes, underscores and plus
    signs, then into words where it runs them together) is a common word of three letters or
    more and none is a given name."""
    if any(ch.isdigit() for ch in local):
        return False
    words, names = address_words(), given_names()
    for part in filter(None, _PART.split(ascii_fold(local))):
        if not part.isalpha() or part in names:
            return False
        pieces = [part[s:e] for s, e in segments(part, words, _no_keys)]
        if any(len(p) < _MIN_WORD or p in names or p not in words for p in pieces):
            return False
    return True


def _no_keys(_word: str) -> tuple[str, ...]:
    return ()
