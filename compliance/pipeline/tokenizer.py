"""A tokenizer for social text: hashtags, @mentions, URLs and e-mail addresses stay whole.
Registered so pipeline configs can name it: `@tokenizers = "compliance.social_tokenizer.v1"`.

Every rule is a plain compiled pattern (standard `re` syntax), so spaCy's own tokenizer
serialisation writes and reads it and `spacy.load` rebuilds the same tokenizer.
"""
from __future__ import annotations

import re

import spacy
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

_WHOLE = re.compile(
    r"^(?:[#@][\w\u200b-\u200d]+(?:[-'’][\w]+)*"      # #hashtag, @handle
    r"|(?:https?://|www\.)\S+"                         # URL
    r"|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"                  # e-mail address
    r")$")

# A symbol that stands for a letter ("$hit", "!diot", "€asy") stays on the word it starts.
_LEET_PREFIX_GUARD = r"(?![$€!|][^\W\d_])"
_LETTER = r"[^\W\d_]"
# spaCy splits a unit off a number ("5km"); in posts a digit inside a word is more often
# leetspeak ("bullsh1t"), so a letters-only suffix stays on when a letter comes right before
# it or before the (up to three) digits in front of it.
_NOT_AFTER_LETTERS = "".join(rf"(?<!{_LETTER}{'[0-9]' * n})" for n in range(4))
# Hebrew typing quotes with geresh and gershayim: ׳פנימי בלבד׳, ״חסוי״. No word starts with
# either, and gershayim inside an abbreviation stands before its last letter (ת״א), so at a
# word's edge they are quotation marks. A final geresh also ends short abbreviations (מס׳,
# רח׳) and foreign sounds (סמוטריץ׳), so it is split off only after three letters, the last
# not one that takes a geresh for a sound (ג ז צ ץ).
_HEBREW_QUOTE_PREFIXES = [r"\u05f3", r"\u05f4"]
_HEBREW_QUOTE_SUFFIXES = [r"\u05f4", r"(?<=[\u05d0-\u05ea]{2}[^\u05d2\u05d6\u05e5\u05e6\W\d_])\u05f3"]


def _prefix_pattern(prefixes) -> str:
    return _LEET_PREFIX_GUARD + "(?:" + compile_prefix_regex(prefixes).pattern + ")"


def _suffix_pattern(suffixes) -> str:
    original = compile_suffix_regex(suffixes).pattern
    # The cheap lookahead first: only where spaCy's own suffix matches is the rest of the
    # word scanned, so a 100,000-letter token stays linear.
    return rf"(?=(?:{original}))(?:(?!{_LETTER}+$)|{_NOT_AFTER_LETTERS})(?:{original})"


@spacy.registry.tokenizers("compliance.social_tokenizer.v1")
def create_social_tokenizer():
    def make(nlp) -> Tokenizer:
        defaults = nlp.Defaults
        prefixes = [p for p in defaults.prefixes if p not in ("#", "@")] + _HEBREW_QUOTE_PREFIXES
        suffixes = list(defaults.suffixes) + _HEBREW_QUOTE_SUFFIXES
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=re.compile(_prefix_pattern(prefixes)).search,
            suffix_search=re.compile(_suffix_pattern(suffixes)).search,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer,
            token_match=_WHOLE.match,
            url_match=defaults.url_match,
        )
    return make
