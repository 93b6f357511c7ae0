"""Which language a post is in: lingua's detector over the languages we have pipelines
for, with a decision by script for text too short to judge."""
from __future__ import annotations

import threading

import regex

from ..posts import encodable
from . import LANGUAGES

_HEBREW = regex.compile(r"\p{Script=Hebrew}")
_CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
_LATIN = regex.compile(r"\p{Script=Latin}")
_ICELANDIC = regex.compile(r"[þðæÞÐÆ]")
_ICELANDIC_VOWELS = regex.compile(r"[áíóúýöÁÍÓÚÝÖ]")
_SLOVENE = regex.compile(r"[čšžČŠŽ]")
_LETTERS = regex.compile(r"\p{L}+")
_NOISE = regex.compile(r"https?://\S+|www\.\S+|(?<!\S)[^\s@]+@\S+|[#@]\w+")  # token-initial, so linear
MIN_WORDS = 3
# Icelandic and Slovenian text nearly always shows a letter of its own; without one, a short
# English post ("Our new sofa is in stores.") can still look Icelandic to the trigrams, so an
# unmarked text is only taken to be in one of them when lingua is this sure.
UNMARKED_CONFIDENCE = 0.9
LATIN_LANGS = tuple(code for code, info in LANGUAGES.items() if info.script == "Latin")


def by_script(text: str, default: str = "en") -> str:
    """A guess from the alphabet most letters are in: Hebrew, Cyrillic (Macedonian), or Latin
    with letters only Icelandic or Slovenian use; else `default`. A few lookalike letters
    slipped into a Latin word do not make a post Cyrillic."""
    hebrew, cyrillic = len(_HEBREW.findall(text)), len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if hebrew > max(cyrillic, latin):
        return "he"
    if cyrillic > latin:
        return "mk"
    if _ICELANDIC.search(text):
        return "is"
    if _SLOVENE.search(text):
        return "sl"
    if _ICELANDIC_VOWELS.search(text):
        return "is"
    return default


def _prose_and_script(text: str, default: str) -> tuple[str, int, str]:
    """The text without URLs, addresses and tags; its word count; its alphabet's guess. A post
    that is little but a hashtag or a handle is judged by the words in the tag."""
    prose = _NOISE.sub(" ", text)
    words = len(_LETTERS.findall(prose))
    return prose, words, by_script(prose if words else text.replace("#", " ").replace("@", " "), default)


_SENTENCE = regex.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
MIN_SEGMENT_WORDS = 4


class LanguageDetector:
    """Detects a post's language among `langs`. Builds lingua's model on first use; safe to
    share between threads."""

    def __init__(self, langs: tuple[str, ...] = tuple(LANGUAGES)) -> None:
        self.langs = tuple(l for l in langs if l in LANGUAGES)
        self._detector = None
        self._lock = threading.Lock()

    def _lingua(self):
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    from lingua import Language, LanguageDetectorBuilder

                    languages = [getattr(Language, LANGUAGES[l].lingua) for l in self.langs]
                    # Low-accuracy mode (trigrams only) judged the 1,816 posts of our labeled
                    # sets exactly as the full models did, loads in 30 ms instead of 500 ms and
                    # runs twice as fast (benchmarks/langdetect_compare.py).
                    self._detector = (LanguageDetectorBuilder.from_languages(*languages)
                                      .with_low_accuracy_mode().build())
        return self._detector

    def detect(self, text: str, unmarked: str = "en") -> str:
        """An ISO 639-1 code from `langs`; "en" when nothing tells. A text in Latin letters
        with none that only Icelandic or Slovenian use is taken to be in `unmarked` unless
        lingua is sure of another language."""
        prose, words, script = _prose_and_script(text, "en")
        if script in ("he", "mk") or words < MIN_WORDS or len(self.langs) < 2:
            return script if script in self.langs or not self.langs else self.langs[0]
        lingua, prose = self._lingua(), encodable(prose)
        result = lingua.detect_language_of(prose)
        if result is None:
            return script
        code = result.iso_code_639_1.name.lower()
        if (script == "en" and code != "en" and code in LATIN_LANGS
                and lingua.compute_language_confidence(prose, result) < UNMARKED_CONFIDENCE):
            return unmarked
        return code if code in self.langs else script

    def segments(self, text: str, primary: str) -> list[tuple[int, int, str]]:
        """Sentences of `text` written in another of our languages than `primary`, as
        (start, end, lang). Only sentences long enough to judge are considered, and lingua is
        asked only when the alphabet hints at a switch, so single-language posts cost little.
        A post too short to judge at all ("Sranje!") may be in any language of its alphabet,
        so the whole of it is returned once for each of them."""
        _, words, script = _prose_and_script(text, "latin")
        if words < MIN_WORDS:
            if script in ("latin", "is", "sl", "en"):
                return [(0, len(text), lang) for lang in self.langs
                        if lang in LATIN_LANGS and lang != primary]
            return []
        found = []
        for m in _SENTENCE.finditer(text):
            sentence = m.group()
            words = len(_LETTERS.findall(_NOISE.sub(" ", sentence)))
            if words < MIN_SEGMENT_WORDS:
                continue
            hint = by_script(sentence, default="latin")
            if hint == primary or (hint == "latin" and primary == "en"):
                continue
            lang = hint if hint in ("he", "mk") else self.detect(sentence, unmarked=primary)
            if lang != primary and lang in self.langs:
                found.append((m.start(), m.end(), lang))
        return found
