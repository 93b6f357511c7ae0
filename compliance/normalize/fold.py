"""Character-level normalisation with an exact map back to the original text.

`fold` gives the text every matcher sees: NFKC, optional case folding, invisible characters
(zero-width, soft hyphen, variation selectors, bidi controls) removed, and lookalike letters
of another script inside a word folded to the word's own script. Each folded character knows
the span of original characters it came from, so any match maps back exactly.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import regex

# Zero-width and formatting characters people slip into words to dodge filters.
INVISIBLE = regex.compile(r"[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F"
                          r"\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\U000E0000-\U000E0FFF]")
_GRAPHEME = regex.compile(r"\X")
_WORD = regex.compile(r"\w+")
_SCRIPTS = ("Latin", "Cyrillic", "Greek")


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


@lru_cache(maxsize=1)
def _homoglyph_maps() -> dict[str, dict[str, str]]:
    """Single-letter lookalikes between Latin, Cyrillic and Greek from the Unicode
    confusables table (as packaged by confusable_homoglyphs), keyed by target script."""
    data = json.loads(files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    maps: dict[str, dict[str, str]] = {s: {} for s in _SCRIPTS}
    for char, glyphs in data.items():
        if len(char) != 1 or not char.isalpha() or char != char.lower():
            continue
        source = script_of(char)
        for glyph in glyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isalpha() and target == target.lower():
                script = script_of(target)
                if script and source and script != source:
                    maps[script].setdefault(char, target)
    return maps


_SCRIPT_PATTERNS = tuple((s, regex.compile(rf"\p{{Script={s}}}")) for s in _SCRIPTS)


@lru_cache(maxsize=8192)
def script_of(char: str) -> str | None:
    for script, pattern in _SCRIPT_PATTERNS:
        if pattern.match(char):
            return script
    return None


def _fold_word_script(word: str) -> str:
    """Fold lookalikes of a minority script to the word's majority script: 'аsshole' with a
    Cyrillic а becomes Latin; a word wholly in one script is left alone."""
    counts = {s: 0 for s in _SCRIPTS}
    for ch in word:
        script = script_of(ch) if ch.isalpha() else None
        if script:
            counts[script] += 1
    used = [s for s in _SCRIPTS if counts[s]]
    if len(used) < 2:
        return word
    majority = max(used, key=lambda s: (counts[s], s == "Latin"))
    table = _homoglyph_maps()[majority]
    return "".join(table.get(ch, ch) if ch.isalpha() and script_of(ch) != majority else ch for ch in word)


def _unchanged_by_folding(text: str, casefold: bool) -> bool:
    if casefold and text != text.casefold():
        return False
    if text.isascii():
        return True
    return (unicodedata.is_normalized("NFKC", text) and not INVISIBLE.search(text)
            and _WORD.sub(lambda w: _fold_word_script(w.group()), text) == text)


def fold(text: str, casefold: bool = True) -> Folded:
    """Normalise `text` for matching, keeping the map back to it (see module docstring)."""
    if _unchanged_by_folding(text, casefold):
        return Folded(text, None, None, len(text))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _GRAPHEME.finditer(text):
        cluster = INVISIBLE.sub("", m.group())
        if not cluster:
            continue
        norm = unicodedata.normalize("NFKC", cluster)
        if casefold:
            norm = norm.casefold()
        for ch in norm:
            out.append(ch)
            starts.append(m.start())
            ends.append(m.end())
    folded = "".join(out)
    if not folded.isascii():
        # Script folding maps one letter to one letter, so the offsets stay as they are.
        folded = _WORD.sub(lambda w: _fold_word_script(w.group()), folded)
    return Folded(folded, tuple(starts), tuple(ends), len(text))


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """`fold(word).text`, cached: the form of a single token or term word."""
    return fold(word).text
