"""The forms an obfuscated word may stand for: leetspeak by script, masks, separators,
stretched letters. Callers keep only forms that are listed terms, so `l33t` stays as it is."""
from __future__ import annotations

import itertools

import regex

from .fold import script_of

# Leetspeak: what a digit or symbol inside a word may stand for, by the word's script.
_LEET = {
    "Latin": {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
              "@": "a", "$": "s", "!": "i", "|": "il", "€": "e", "+": "t"},
    "Cyrillic": {"0": "о", "3": "ез", "4": "ач", "6": "б", "1": "иі", "!": "и", "@": "а", "$": "с"},
    "Hebrew": {"@": "א", "0": "וס", "1": "וי", "!": "י", "$": "ס", "7": "ל"},
}
# Characters that hide a letter (f*ck, sh#t): each stands for exactly one letter.
_MASKS = "*#_%?"
_SEPARATED = regex.compile(r"^(?:\w[.\-_*·•'’ ]+)+\w$")
_STRETCHED = regex.compile(r"(\w)\1{2,}")


def _word_script(word: str) -> str:
    if any("\u05d0" <= ch <= "\u05ea" for ch in word):
        return "Hebrew"
    letters = [script_of(ch) for ch in word if ch.isalpha()]
    letters = [s for s in letters if s]
    return max(set(letters), key=letters.count) if letters else "Latin"


def _unleet(word: str) -> list[str]:
    table = _LEET.get(_word_script(word), _LEET["Latin"])
    slots = [table.get(ch, ch) if (ch in table and not ch.isalpha()) else ch for ch in word]
    if all(len(s) == 1 for s in slots) and "".join(slots) == word:
        return []
    if sum(len(s) > 1 for s in slots) > 4:
        return ["".join(s[0] for s in slots)]
    return ["".join(p) for p in itertools.product(*slots)]


def _unstretch(word: str) -> list[str]:
    if not _STRETCHED.search(word):
        return []
    return [_STRETCHED.sub(r"\1", word), _STRETCHED.sub(r"\1\1", word)]


def spellings(word: str) -> list[str]:
    """Forms a folded word may stand for once obfuscation is undone, most literal first.

    The word itself is not included. Masks become '.' (a regex wildcard for one letter),
    so a caller can compare the form against words of the same length.
    """
    if sum(ch.isalpha() for ch in word) < 2:
        return []  # "5.1.", "1070", "84.48": numbers and dates, not disguised words
    forms: list[str] = []
    core = word.rstrip(".")
    if _SEPARATED.match(core) and all(len(part) == 1 for part in regex.split(r"[.\-_*·•'’ ]+", core)):
        forms.append(regex.sub(r"[.\-_*·•'’ ]+", "", core))
    base = forms + [word]
    for form in list(base):
        for unleeted in _unleet(form):
            forms.append(unleeted)
    for form in list(forms) + [word]:
        forms.extend(_unstretch(form))
    masked = [f for f in forms + [word] if any(m in f for m in _MASKS)]
    for form in masked:
        core = form.strip(_MASKS)
        if core and sum(ch.isalpha() for ch in core) >= 2 and core == form:
            forms.append("".join("." if ch in _MASKS else ch for ch in form))
    seen = {word}
    return [f for f in forms if not (f in seen or seen.add(f))]
