"""The words a disguised token may stand for: leetspeak by script, symbols standing for a
letter (f@cking, f*ck, f***) or standing between letters, separators, stretched or dropped
double letters, Latin diacritics and lookalikes, Hebrew final letters, whole words in a
lookalike script. Callers keep only words that spell listed keys, so `l33t`, prices, dates,
versions and addresses stay as they are.

`readings` gives concrete words, never patterns: a masked letter is filled from the listed
keys of the same shape, or from the language's common words (whose lemma may be listed).
"""
from __future__ import annotations

import itertools
import unicodedata
from collections import defaultdict
from typing import Collection, Iterable

import regex

from .fold import TARGET_SCRIPTS, homoglyph_maps, script_of
from .vocabulary import Vocabulary

STEM = "*"
# Leetspeak: what a digit or symbol inside a word may stand for, by the word's script.
_LEET = {
    "Latin": {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
              "@": "a", "$": "s", "!": "i", "|": "il", "€": "e", "+": "t"},
    "Cyrillic": {"0": "о", "3": "ез", "4": "ач", "6": "б", "1": "иі", "!": "и", "@": "а", "$": "с"},
    # and Latin letters that look like Hebrew ones inside a Hebrew word ('זיl' for 'זין')
    "Hebrew": {"@": "א", "0": "וס", "1": "וי", "!": "י", "$": "ס", "7": "ל",
               "l": "ןו", "i": "ןו", "o": "סם", "v": "ט", "x": "א", "n": "ח"},
}
_LEET_SYMBOLS = frozenset("@$!|€+")
# Symbols that hide one letter (f*ck, f@cking, sh.t) or sit between letters (ח*רא).
WILDCARDS = frozenset("*@#$!%._-?")
# Only these stand at a word's edge: 'f***' and '*uck' are masks, 'C#' and a trailing '.' are not.
_EDGE_MASKS = frozenset("*#")
_LEADING_MASKS = frozenset("*")
_SEPARATED = regex.compile(r"^(?:\w[.\-_*·•'’ ]+)+\w$")
_SEPARATOR_RUN = regex.compile(r"[.\-_*·•'’ ]+")
_STRETCHED = regex.compile(r"(\w)\1{2,}")
_DOUBLED = regex.compile(r"(\w)\1+")
# Stretched runs read each as one or two letters; beyond this many (2**n readings), as the last.
_MAX_STRETCHED_RUNS = 3
# A word that only differs from a key in doubled letters ('ashole') must be this long once
# doubles are collapsed, so short words ('as', 'damit') never read as keys ('ass', 'dammit').
_MIN_DEGEMINATED = 6
_HEBREW_FINALS = {"ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ"}
_HEBREW_TO_FINAL = {base: final for final, base in _HEBREW_FINALS.items()}
_MAX_LEET_PRODUCT = 4
_MAX_LEET_DIGITS = 3
_DIGITS = regex.compile(r"\d+")
# A listed stem matches a word typed without its diacritics only with an ending this short
# ('helvít*' in 'helvitis'), so 'paš*' never reads 'password'.
_MAX_BARE_ENDING = 4
_MIN_BARE_STEM = 4
_CENSORED = regex.compile(r"[^\W\d_]+[*#]{2,}")
_SYMBOL_RUN = regex.compile(r"[*@#$!%._\-?]+")
_EMPHASIS = regex.compile(r"\*[^\W\d_]+\*")


def _word_script(word: str) -> str:
    scripts = [s for s in (script_of(ch) for ch in word if ch.isalpha()) if s]
    return max(set(scripts), key=scripts.count) if scripts else "Latin"


def bare(word: str, keep: Collection[str] = ()) -> str:
    """`word` without Latin diacritics and with Latin lookalike letters at their plain form:
    'fück' -> 'fuck', 'shıt' -> 'shit', 'helvítis' -> 'helvitis'. Letters in `keep` (the
    language's own alphabet) and other scripts stay."""
    if word.isascii():
        return word
    out = []
    for ch in word:
        if ch.isascii() or ch in keep or script_of(ch) != "Latin":
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if not (len(base) == 1 and base.isascii()):
            plain = homoglyph_maps()["Latin"].get(ch, ch)  # ı, ɑ, ...: Latin letters that look plain
            base = plain if len(plain) == 1 and plain.isascii() else ch
        out.append(base)
    return "".join(out)


def degeminated(word: str) -> str:
    """`word` with every run of one letter written once: 'asshole' -> 'ashole'."""
    # A callable, not the template r"\1", which the regex module parses again on every call.
    return _DOUBLED.sub(lambda m: m[1], word)


class KeyShapes:
    """The listed keys by shape, for the readings that need more than a set lookup: by length
    (masked letters), by their bare form (typed without diacritics) and by their form with
    doubles collapsed (a letter dropped or doubled)."""

    def __init__(self) -> None:
        self.by_length: dict[int, set[str]] = defaultdict(set)
        self.stems: set[str] = set()
        self.bare: dict[str, set[str]] = defaultdict(set)
        self.bare_stems: dict[str, set[str]] = defaultdict(set)
        self.degeminated: dict[str, set[str]] = defaultdict(set)

    def add(self, key: str) -> None:
        plain = bare(key.rstrip(STEM))
        if key.endswith(STEM):
            stem = key[:-1]
            self.stems.add(stem)
            if plain != stem:
                self.bare_stems[plain].add(stem)
            return
        self.by_length[len(key)].add(key)
        if plain != key:
            self.bare[plain].add(key)
        collapsed = degeminated(key)
        if len(collapsed) >= _MIN_DEGEMINATED:
            self.degeminated[collapsed].add(key)


def _unleet(word: str, symbols: bool = True) -> list[str]:
    """Leetspeak readings of `word`; with `symbols` off only digits are read, so the symbols
    are left to be read as masks ('f@ck1ng' -> 'f@cking')."""
    script = _word_script(word)
    table = _LEET.get(script, _LEET["Latin"])
    letterlike = _letterlike_digits(word)
    slots = [table[ch] if ch in table and (not ch.isalpha() or script_of(ch) != script)
             and (i in letterlike if ch.isdigit() else symbols) else ch for i, ch in enumerate(word)]
    if all(len(s) == 1 for s in slots) and "".join(slots) == word:
        return []
    if sum(len(s) > 1 for s in slots) > _MAX_LEET_PRODUCT:
        return ["".join(s[0] for s in slots)]
    return ["".join(p) for p in itertools.product(*slots)]


def _letterlike_digits(word: str) -> set[int]:
    """Positions of digits that may stand for letters: in runs that touch a letter, of at
    most three or of one digit stretched ('sh1t', 'b00k', 'l00000ser'); not the '44' of
    'SH1-44' or the '2024' of 'v2024a'."""
    positions: set[int] = set()
    for m in _DIGITS.finditer(word):
        i, j = m.span()
        short = j - i <= _MAX_LEET_DIGITS or len(set(m.group())) == 1
        if short and ((i > 0 and word[i - 1].isalpha()) or (j < len(word) and word[j].isalpha())):
            positions.update(range(i, j))
    return positions


def _may_be_leet(word: str) -> bool:
    """Enough letters that digits and symbols in it may be letters: two real letters ('sh1t';
    never '5.1.' or '1070'), or one with symbols that are no digits ('a$$', '@ss'). A letter
    stretched counts once: 'CCC00' is a code, not a stretched 'coo'."""
    letters = sum(ch.isalpha() for ch in _STRETCHED.sub(r"\1", word))
    if letters >= 2:
        return True
    return letters == 1 and len(word) >= 3 and all(ch.isalpha() or ch in _LEET_SYMBOLS for ch in word)


def _unstretch(word: str) -> list[str]:
    """Each run of three or more of a letter read as one or as two, run by run, so a word
    stretched in two places ('fooookkk' -> 'fokk') is read as well as one stretched once."""
    parts = _STRETCHED.split(word)  # text, a run's letter, text, a run's letter, ..., text
    texts, letters = parts[0::2], parts[1::2]
    if not letters:
        return []
    forms = []
    for widths in itertools.product((1, 2), repeat=min(len(letters), _MAX_STRETCHED_RUNS)):
        widths += (widths[-1],) * (len(letters) - len(widths))  # further runs read as the last one
        forms.append(texts[0] + "".join(letter * width + text for letter, width, text in zip(letters, widths, texts[1:])))
    return forms


def _separated(word: str) -> list[str]:
    core = word.rstrip(".")
    if _SEPARATED.match(core) and all(len(part) == 1 for part in _SEPARATOR_RUN.split(core)):
        return [_SEPARATOR_RUN.sub("", core)]
    return []


def _hebrew_finals(word: str) -> list[str]:
    """A Hebrew word with final letters where Hebrew writes them: 'זינ' -> 'זין', and a
    final letter inside a word at its base form."""
    if not any("\u05d0" <= ch <= "\u05ea" for ch in word):
        return []
    letters = [_HEBREW_FINALS.get(ch, ch) for ch in word]
    for i in range(len(letters) - 1, -1, -1):
        if letters[i].isalpha():
            letters[i] = _HEBREW_TO_FINAL.get(letters[i], letters[i])
            break
    fixed = "".join(letters)
    return [fixed] if fixed != word else []


def _whole_word_lookalikes(word: str) -> list[str]:
    """A word written wholly in a script none of our alphabets is ('ᏚᎻᎥᎢ' in Cherokee), read
    in each alphabet whose lookalikes cover every letter."""
    if all(script_of(ch) in TARGET_SCRIPTS or not ch.isalpha() for ch in word):
        return []
    forms = []
    for script, table in homoglyph_maps().items():
        mapped = [table.get(ch, ch) if ch.isalpha() and script_of(ch) != script else ch for ch in word]
        if all(len(ch) == 1 and (not ch.isalpha() or script_of(ch) == script) for ch in mapped):
            forms.append("".join(mapped).casefold())
    return forms


def censored(word: str) -> bool:
    """Written the censor's way: letters, then two or more stars ('f***', 'sh**')."""
    return _CENSORED.fullmatch(word) is not None


def _maskable(word: str) -> bool:
    """Whether symbols in `word` may each hide one letter: only '*' and '#' stand at its edge
    ('f***', '*uck'; never 'C#' or a trailing '.'), and enough real letters remain: at least
    two and at least half the word, except the censor's convention of letters then stars. A
    word between single stars is emphasis ('*so*', Markdown's and chat apps' bold), not a mask."""
    symbols = [i for i, ch in enumerate(word) if ch in WILDCARDS]
    if not symbols or _EMPHASIS.fullmatch(word):
        return False
    n = len(word)
    if (word[0] in WILDCARDS and word[0] not in _LEADING_MASKS) or (word[-1] in WILDCARDS and word[-1] not in _EDGE_MASKS):
        return False
    letters = sum(ch.isalpha() for ch in word)
    if letters != n - len(symbols):
        return False
    return (letters >= 2 and letters * 2 >= n) or censored(word)


def _fits(masked: str, word: str) -> bool:
    """`word` is `masked` with a letter in place of each symbol."""
    return len(masked) == len(word) and all(m == w or (m in WILDCARDS and w.isalpha()) for m, w in zip(masked, word))


def _filled(masked: str, shapes: KeyShapes, vocabulary: Vocabulary) -> list[str]:
    """Words `masked` may be: listed keys and words starting with a listed stem first, else
    common words of the language (whose lemma the caller may find listed)."""
    n = len(masked)
    found = sorted(w for w in shapes.by_length.get(n, ()) if _fits(masked, w))  # the same reading in every run
    found += [stem + masked[len(stem):] for stem in shapes.stems
              if len(stem) <= n and _fits(masked[:len(stem)], stem) and not any(ch in WILDCARDS for ch in masked[len(stem):])]
    return found or vocabulary.filling(masked, WILDCARDS)


def _without_symbols(word: str, vocabulary: Vocabulary) -> list[str]:
    """A word with symbols inside it taken out ('ח*רא' -> 'חרא'), unless they join two words
    of the language (a compound, a domain)."""
    parts = _SYMBOL_RUN.split(word)
    if len(parts) < 2 or not all(p.isalpha() for p in parts):
        return []
    if all(len(p) >= 2 and p in vocabulary for p in parts):
        return []
    return ["".join(parts)]


def readings(word: str, shapes: KeyShapes, vocabulary: Vocabulary) -> list[str]:
    """Words a folded token may stand for once disguises are undone, most literal first; the
    word itself is not included. `vocabulary` holds the post language's words, which are never
    read as something else, and its alphabet, whose letters keep their marks: Slovenian 'čas'
    and Icelandic 'hálfvitlaust' stay as they are, English 'fück' may read 'fuck'."""
    if not word or not (_may_be_leet(word) or censored(word)):
        return []
    known = word in vocabulary
    forms: list[str] = _separated(word)
    base = forms + [word]
    for form in list(base):
        forms.extend(_unleet(form))
    for form in list(forms) + [word]:
        forms.extend(_unstretch(form))
    for form in list(forms) + [word]:
        forms.extend(_hebrew_finals(form))
    forms.extend(_whole_word_lookalikes(word))
    if not known:
        forms.extend(bare(f, vocabulary.letters) for f in list(forms) + [word] if not f.isascii())
    for form in [word] + _unleet(word, symbols=False):
        if _maskable(form):
            forms.extend(_filled(form, shapes, vocabulary))
        forms.extend(_without_symbols(form, vocabulary))
    if not known:
        forms.extend(_listed_variants(list(forms) + [word], shapes, vocabulary))
    seen = {word}
    return [f for f in forms if not (f in seen or seen.add(f))]


def _listed_variants(forms: Iterable[str], shapes: KeyShapes, vocabulary: Vocabulary) -> list[str]:
    """Listed keys that differ from a form only in diacritics it leaves out ('helvitis' for
    'helvítis') or in doubled letters ('ashole' for 'asshole'), for forms that are no words of
    their own. Letters of the language's alphabet in the form must be in the key as well."""
    found: list[str] = []
    for form in forms:
        if form in vocabulary or not form.isalpha():
            continue
        plain = bare(form, vocabulary.letters)
        found.extend(shapes.bare.get(plain, ()))
        for n in range(len(plain), max(_MIN_BARE_STEM, len(plain) - _MAX_BARE_ENDING) - 1, -1):
            for stem in shapes.bare_stems.get(plain[:n], ()):
                found.append(stem + form[n:])
        collapsed = degeminated(plain)
        if len(collapsed) >= _MIN_DEGEMINATED:
            found.extend(shapes.degeminated.get(collapsed, ()))
    return found
