"""Character-level normalisation with an exact map back to the original text.

`fold` gives the text every matcher sees: NFKC, optional case folding, invisible characters
(zero-width, soft hyphen, variation selectors, bidi controls) removed, Hebrew points and
cantillation removed, combining marks that compose with nothing (a stress accent on a
Cyrillic letter, strike-through lines) removed, and lookalike letters of another script
inside a word folded to the word's own script with the Unicode confusables data. Each folded
character knows the span of original characters it came from, so any match maps back exactly.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from importlib.resources import files

import regex
from confusable_homoglyphs import categories

# Zero-width and formatting characters people slip into words to dodge filters.
INVISIBLE = regex.compile(r"[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F"
                          r"\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\U000E0000-\U000E0FFF]")
# Hebrew points (niqqud) and cantillation: reading aids, never part of a word's spelling.
# Maqaf, paseq, sof pasuq and nun hafukha are punctuation and stay.
HEBREW_MARKS = regex.compile(r"[\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7]")
# Combining diacritics still standing alone after NFKC composed what it could: no letter of
# an alphabet we match is written that way ('и́' is и with a stress mark; 'ѓ' composes).
_STRAY_MARK = regex.compile(r"[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]")
_GRAPHEME = regex.compile(r"\X")
_WORD = regex.compile(r"\w+")
# Scripts a word is folded into: the alphabets of the languages we match, and Greek, whose
# letters hide in them. Other scripts mix by design (Japanese kana and kanji) and stay.
TARGET_SCRIPTS = ("Latin", "Cyrillic", "Greek", "Hebrew")
_BASE_SCRIPTS = frozenset(("Latin", "Cyrillic", "Greek"))


@dataclass(frozen=True)
class Folded:
    """Folded text; `starts[i]`/`ends[i]` is the original span of folded character i.
    Both are None when folding changed nothing, and offsets map to themselves."""
    text: str
    starts: tuple[int, ...] | None
    ends: tuple[int, ...] | None
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering folded characters [start, end)."""
        if self.starts is None or self.ends is None:
            return start, max(start, end)
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=16384)
def script_of(char: str) -> str | None:
    """The Unicode script of a character ("Latin", "Armenian", ...); None for characters
    every script shares (digits, punctuation, combining marks)."""
    alias = categories.alias(char)
    return None if alias in ("COMMON", "INHERITED", "Unknown") else alias.title()


@lru_cache(maxsize=1)
def homoglyph_maps() -> dict[str, dict[str, str]]:
    """Single-letter lookalikes from any script into each target script, from the Unicode
    confusables table (TR39, as packaged by confusable_homoglyphs): Armenian 'ս' and
    Cyrillic 'ѕ' into Latin, Latin 'o' into Cyrillic, Cherokee 'Ꭺ' into Latin, ...
    Derived once per version of the table and kept in the private cache: reading the table
    took a tenth of a second of every run."""
    from ..packs.cache import memo

    return memo("homoglyph-maps", version("confusable-homoglyphs"), _homoglyph_maps, dict)


def _homoglyph_maps() -> dict[str, dict[str, str]]:
    data = json.loads(files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    maps: dict[str, dict[str, str]] = {s: {} for s in TARGET_SCRIPTS}
    for char, glyphs in data.items():
        source = script_of(char) if len(char) == 1 and char.isalpha() else None
        if source is None:
            continue
        for glyph in glyphs:
            target = glyph["c"]
            script = script_of(target) if len(target) == 1 and target.isalpha() else None
            if script in maps and script != source:
                maps[script].setdefault(char, target)
    return maps


def _fold_word_script(word: str, casefold: bool) -> str:
    """Fold lookalikes of a minority script to the word's majority script: 'аsshole' with a
    Cyrillic а and 'fսck' with an Armenian ս become Latin; a word wholly in one script is
    left alone. One letter becomes one letter, so offsets stay as they are."""
    counts: dict[str, int] = {}
    for ch in word:
        script = script_of(ch) if ch.isalpha() else None
        if script:
            counts[script] = counts.get(script, 0) + 1
    if len(counts) < 2:
        return word
    majority = max(counts, key=lambda s: (counts[s], s == "Latin", s in TARGET_SCRIPTS))
    if majority not in TARGET_SCRIPTS:
        return word
    table = homoglyph_maps()[majority]
    out = []
    for ch in word:
        target = table.get(ch) if ch.isalpha() and script_of(ch) != majority else None
        if target is not None and casefold:
            target = target.casefold()
        out.append(target if target is not None and len(target) == 1 else ch)
    return "".join(out)


def _fold_scripts(text: str, casefold: bool) -> str:
    return _WORD.sub(lambda w: _fold_word_script(w.group(), casefold), text)


def _clean_cluster(cluster: str) -> str:
    """One grapheme, NFKC-normalised, without invisible characters, Hebrew marks or stray
    combining marks on a Latin, Cyrillic or Greek letter."""
    cluster = HEBREW_MARKS.sub("", INVISIBLE.sub("", cluster))
    if not cluster:
        return ""
    norm = unicodedata.normalize("NFKC", cluster)
    if len(norm) > 1 and script_of(norm[0]) in _BASE_SCRIPTS:
        norm = _STRAY_MARK.sub("", norm)
    return norm


def _unchanged_by_folding(text: str, casefold: bool) -> bool:
    if casefold and text != text.casefold():
        return False
    if text.isascii():
        return True
    return (unicodedata.is_normalized("NFKC", text) and not INVISIBLE.search(text)
            and not HEBREW_MARKS.search(text) and not _STRAY_MARK.search(text)
            and _fold_scripts(text, casefold) == text)


def fold(text: str, casefold: bool = True) -> Folded:
    """Normalise `text` for matching, keeping the map back to it (see module docstring)."""
    if _unchanged_by_folding(text, casefold):
        return Folded(text, None, None, len(text))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _GRAPHEME.finditer(text):
        norm = _clean_cluster(m.group())
        if casefold:
            norm = norm.casefold()
        for ch in norm:
            out.append(ch)
            starts.append(m.start())
            ends.append(m.end())
    folded = "".join(out)
    if not folded.isascii():
        folded = _fold_scripts(folded, casefold)
    return Folded(folded, tuple(starts), tuple(ends), len(text))


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """`fold(word).text`, cached: the form of a single token or term word."""
    return fold(word).text
