"""A tokenizer for social text: hashtags, @mentions, URLs and e-mail addresses stay whole.
Registered so pipeline configs can name it: `@tokenizers = "compliance.social_tokenizer.v1"`."""
from __future__ import annotations

import regex
import spacy
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

_WHOLE = regex.compile(
    r"^(?:[#@][\w\u200b-\u200d]+(?:[-'’][\w]+)*"      # #hashtag, @handle
    r"|(?:https?://|www\.)\S+"                         # URL
    r"|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"                  # e-mail address
    r")$")


def _keep_leet_words(suffix_search):
    """spaCy splits a unit off a number ("5km"); in posts a digit inside a word is more often
    leetspeak ("bullsh1t"), so a letter suffix after a word that has letters stays on."""
    def search(string: str):
        m = suffix_search(string)
        if m and m.group().isalpha() and any(ch.isalpha() for ch in string[:m.start()]):
            return None
        return m
    return search


def _keep_leet_prefixes(prefix_search):
    """A symbol that stands for a letter ("$hit", "!diot", "€asy") stays on the word it starts."""
    def search(string: str):
        m = prefix_search(string)
        if m and m.group() in _LEET_PREFIXES and m.end() < len(string) and string[m.end()].isalpha():
            return None
        return m
    return search


_LEET_PREFIXES = frozenset("$€!|")


@spacy.registry.tokenizers("compliance.social_tokenizer.v1")
def create_social_tokenizer():
    def make(nlp) -> Tokenizer:
        defaults = nlp.Defaults
        prefixes = [p for p in defaults.prefixes if p not in ("#", "@")]
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=_keep_leet_prefixes(compile_prefix_regex(prefixes).search),
            suffix_search=_keep_leet_words(compile_suffix_regex(defaults.suffixes).search),
            infix_finditer=compile_infix_regex(defaults.infixes).finditer,
            token_match=_WHOLE.match,
            url_match=defaults.url_match,
        )
    return make
