"""Posts in Latin letters written in a language of another alphabet: Macedonian typed in
Latin letters (read back into Cyrillic, see `normalize.translit`) and Hebrew typed in Latin
letters (the forms the Hebrew packs list). Such text is also checked with that language's
rules, the way a sentence in another language is.

The first test is a set lookup per word: does a word spell a Latin form of a word the
language's rules use ('ebam', 'kurac', 'metumtam') that is no word of the post's own
language? Only then is the text read into Cyrillic and weighed against the word list.
"""
from __future__ import annotations

import threading
from typing import Any, Iterable, Iterator, NamedTuple

import regex

from ..model import RuleSet
from ..normalize import translit
from ..normalize.fold import Folded, fold_word, script_of
from ..normalize.vocabulary import Vocabulary, vocabulary
from . import LANGUAGES

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_LATIN_WORD = regex.compile(r"\p{Latin}[\p{L}\p{M}]*")
_SENTENCE = regex.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_MIN_TRIGGER = 3          # letters; shorter Latin forms ('da', 'ne') are every language's words
_COMMON = 3000            # Macedonian words whose Latin forms tell a romanised post
_MIN_COMMON_HITS = 3
_COMMON_SHARE = 0.25      # of a post's words, for it to be weighed as romanised without a trigger
_SHARE = 0.5              # of a text's words that must read as the language's words
_COMMON_RANK = 20_000     # rarer English words may well be another language's ('chara')
_NEAR = 2                 # words either side of a trigger checked when its sentence is not romanised


class Romanised(NamedTuple):
    """Text[start:end] is written in `lang` in Latin letters; `view` is it in the language's
    own letters (offsets into the slice), or None when the packs list the Latin forms."""
    start: int
    end: int
    lang: str
    view: Folded | None


class _Triggers(NamedTuple):
    words: frozenset[str]      # Latin forms of the words the rules use
    stems: "regex.Pattern[str] | None"  # ... of their stems ('sranj*'), as one pattern
    common: frozenset[str]     # Latin forms of the language's commonest words
    listed: frozenset[str]     # the rules' words in the language's own letters
    # Listed Latin phrases by their first word: 'ben zona' is a sign of romanised Hebrew
    # though 'ben' and 'zona' alone are words of English or Slovenian too.
    phrases: dict[str, tuple[tuple[str, ...], ...]]


class RomanisedFinder:
    """Finds romanised text of the languages that `rule_set` has rules for and whose
    alphabet is not Latin. Trigger words are gathered on first use; safe to share between
    threads."""

    def __init__(self, rule_set: RuleSet) -> None:
        self.rule_set = rule_set
        self._triggers: dict[str, _Triggers] = {}
        self._lock = threading.Lock()

    def segments(self, text: str, primary: str) -> list[Romanised]:
        """Parts of a Latin-letter post in `primary` written in another language's Latin
        form: the whole post when it reads more as that language than as its own; else
        each sentence with a trigger word that does, or the few words around the trigger."""
        info = LANGUAGES.get(primary)
        if info is None or info.script != "Latin":
            return []
        words = [fold_word(w) for w in _LATIN_WORD.findall(text)]
        if not words:
            return []
        foreign = _foreign(primary)
        found: list[Romanised] = []
        for lang in self._langs():
            triggers = self._triggers_of(lang)
            hits = [i for i, w in enumerate(words)
                    if (_is_trigger(w, triggers) and not foreign(w)) or _starts_phrase(words, i, triggers)]
            if hits or _mostly_common(words, triggers.common, foreign):
                spans = [m.span() for m in _LATIN_WORD.finditer(text)]
                found.extend(self._parts(text, lang, spans, hits, vocabulary(primary)))
        return found

    def given(self, text: str, lang: str) -> Romanised | None:
        """A post said to be in `lang`, a language whose rules are written in its own
        letters, but typed in Latin letters: the whole post, read in those letters (None when
        the post is not mostly Latin letters or `lang` has no Latin reading)."""
        if lang != translit.LANG:
            return None  # the other languages' packs list their Latin spellings themselves
        letters = [script_of(ch) for ch in text if ch.isalpha()]
        if not letters or sum(s == "Latin" for s in letters) * 2 <= len(letters):
            return None
        return Romanised(0, len(text), lang, _cyrillic(text, self._triggers_of(lang).listed))

    def _parts(self, text: str, lang: str, words: list[tuple[int, int]], hits: list[int],
               own: Vocabulary) -> Iterator[Romanised]:
        """`words` are the spans of the post's Latin words, `hits` the indexes of triggers."""
        transliterated = lang == translit.LANG
        listed = self._triggers_of(lang).listed
        if transliterated and _reads_as(text, lang, own, listed):
            yield Romanised(0, len(text), lang, _cyrillic(text, listed))
            return
        taken = -1
        for i in hits:
            if words[i][0] < taken:
                continue
            sentence = next(m for m in _SENTENCE.finditer(text) if m.start() <= words[i][0] < m.end())
            start, end = sentence.span()
            if transliterated and not _reads_as(sentence.group(), lang, own, listed):
                near = [w for w in words[max(0, i - _NEAR):i + _NEAR + 1] if start <= w[0] < end]
                start, end = near[0][0], near[-1][1]
            piece = text[start:end]
            yield Romanised(start, end, lang, _cyrillic(piece, listed) if transliterated else None)
            taken = end

    def _langs(self) -> list[str]:
        return [code for code, info in LANGUAGES.items() if info.script != "Latin"]

    def _triggers_of(self, lang: str) -> _Triggers:
        triggers = self._triggers.get(lang)
        if triggers is None:
            with self._lock:
                triggers = self._triggers.get(lang)
                if triggers is None:
                    triggers = self._cached_gather(lang)
                    self._triggers[lang] = triggers
        return triggers

    def _cached_gather(self, lang: str) -> _Triggers:
        # Transliterating every rule word and thousands of common words takes a third of a
        # second; for rules loaded from pack files it is done once and kept with them.
        if self.rule_set.fingerprint is None:
            return self._gather(lang)
        from importlib.metadata import version

        from ..packs.cache import memo

        return memo(f"romanised-{lang}", f"{self.rule_set.fingerprint}-{version('wordfreq')}",
                    lambda: self._gather(lang), _Triggers)

    def _gather(self, lang: str) -> _Triggers:
        # Macedonian spellings are derived; other languages' packs list theirs.
        transliterated = lang == translit.LANG
        # A word the rules of a Latin-letter language use too ('fuck' and 'nda' in the Hebrew
        # packs, 'kreten' in Slovenian) is no sign of romanised text.
        latin_langs = [code for code, info in LANGUAGES.items() if info.script == "Latin"]
        latin_rules = {fold_word(w.rstrip("*")) for w in _rule_words(self._rules_of(latin_langs))}
        latin_terms = {fold_word(t) for t in _rule_terms(self._rules_of(latin_langs))}
        words: set[str] = set()
        stems: set[str] = set()
        listed: set[str] = set()
        for raw in _rule_words(self._rules_of([lang])):
            stem = raw.endswith("*")
            word = fold_word(raw.rstrip("*"))
            if transliterated:
                forms = translit.latin_forms(word) if not word.isascii() else []
                listed.add(word)
            else:
                # split as a post's words are ('bi-tshuva' is read as 'bi' and 'tshuva')
                forms = _LATIN_WORD.findall(word) if _is_latin(word) else []
            for form in forms:
                if sum(ch.isalpha() for ch in form) >= _MIN_TRIGGER and form not in latin_rules:
                    (stems if stem else words).add(form)
        common: set[str] = set()
        if transliterated:
            for word in vocabulary(lang).commonest(_COMMON):
                common.update(translit.latin_forms(word))
        stem_pattern = regex.compile("|".join(map(regex.escape, sorted(stems)))) if stems else None
        phrases: dict[str, set[tuple[str, ...]]] = {}
        if not transliterated:
            for term in map(fold_word, _rule_terms(self._rules_of([lang]))):
                pieces = tuple(_LATIN_WORD.findall(term))
                if len(pieces) > 1 and _is_latin(term) and term not in latin_terms:
                    phrases.setdefault(pieces[0], set()).add(pieces)
        return _Triggers(frozenset(words), stem_pattern, frozenset(common), frozenset(listed),
                         {first: tuple(found) for first, found in phrases.items()})

    def _rules_of(self, langs: Iterable[str]) -> Iterator[dict[str, Any]]:
        wanted = set(langs)
        return (r.to_dict() for r in self.rule_set.rules if r.langs and wanted.intersection(r.langs))


def _foreign(primary: str):
    """Whether a word is a word of the post's own language, or a common word of English,
    which posts of every language mix in: such words are no sign of another language."""
    own, english = vocabulary(primary), vocabulary("en")

    def known(word: str) -> bool:
        rank = english.rank(word)
        return word in own or (rank is not None and rank < _COMMON_RANK)
    return known


def _is_trigger(word: str, triggers: _Triggers) -> bool:
    return word in triggers.words or (triggers.stems is not None and triggers.stems.match(word) is not None)


def _starts_phrase(words: list[str], i: int, triggers: _Triggers) -> bool:
    return any(tuple(words[i:i + len(p)]) == p for p in triggers.phrases.get(words[i], ()))


def _is_latin(word: str) -> bool:
    return bool(word) and all(script_of(ch) == "Latin" for ch in word if ch.isalpha())


def _mostly_common(words: list[str], common: frozenset[str], foreign) -> bool:
    """Enough words are Latin forms of the language's commonest words, and not words of the
    post's own language, for the post to be weighed as romanised without a trigger."""
    enough = max(_MIN_COMMON_HITS, _COMMON_SHARE * len(words))
    candidates = [w for w in words if w in common]
    return len(candidates) >= enough and sum(not foreign(w) for w in candidates) >= enough


def _cyrillic(text: str, listed: frozenset[str]) -> Folded:
    """`text` in Macedonian Cyrillic, each word read as a word the rules use if it can be,
    else as the commonest Macedonian word it can be, else letter by letter."""
    words = vocabulary(translit.LANG)

    def best(readings: list[str]) -> int:
        for i, reading in enumerate(readings):
            if reading in listed:
                return i
        ranked = [(words.rank(r), i) for i, r in enumerate(readings) if words.rank(r) is not None]
        return min(ranked)[1] if ranked else 0

    return translit.to_cyrillic(text, best)


def _reads_as(text: str, lang: str, own: Vocabulary, listed: frozenset[str]) -> bool:
    """Whether most Latin words of `text` (two letters or more) read, in Cyrillic, as words
    of `lang`, and more of them than are words of the post's own language as written."""
    latin = [fold_word(w) for w in _LATIN_WORD.findall(text) if len(w) >= 2]
    if not latin:
        return False
    theirs = vocabulary(lang)
    read = [fold_word(w) for w in _WORD.findall(_cyrillic(" ".join(latin), listed).text)]
    known = sum(w in theirs for w in read)
    return known >= _SHARE * len(latin) and known > sum(w in own for w in latin)


def _rule_terms(rules: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The terms a rule matches (not its conditions')."""
    for rule in rules:
        for term in rule.get("terms", ()):
            yield term if isinstance(term, str) else term["term"]


def _rule_words(rules: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The words a rule's terms, conditions and token patterns name."""
    for rule in rules:
        terms = list(rule.get("terms", ()))
        for name in ("unless", "requires"):
            terms.extend((rule.get(name) or {}).get("terms", ()))
        for term in terms:
            yield from (term if isinstance(term, str) else term["term"]).split()
        for pattern in rule.get("patterns", ()):
            for token in pattern:
                yield from _strings(token)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("REGEX", "OP"):
                yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)
