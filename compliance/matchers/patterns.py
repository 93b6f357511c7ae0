"""The `patterns` kind: spaCy Matcher token patterns. Tokens carry, as NORM, the listed term
they spell and, as LEMMA, their lemma, so patterns see through inflection and disguises; a
pattern's LOWER compares the token as folded (lower case without niqqud, lookalike letters
or invisible characters), so "שֶׁלִּי" is the "שלי" that a pack lists, whatever the writer typed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from ..errors import Where
from ..normalize.fold import fold_word
from ..normalize.hashtags import segments
from ..normalize.lexicon import STEM
from .base import Candidate, MatchContext, Setup

_NAMED_BY = ("NORM", "LEMMA")
# A pattern's LOWER reads the token's folded form, which is kept in TAG: the Matcher compares
# native attributes in C, while an extension attribute costs a Python call per token and
# predicate (twice the time of the whole pipeline on a long draft). The pipeline has no tagger.
FOLDED_ATTR = "TAG"


def _folded_value(value: Any) -> Any:
    """A LOWER value for the folded token: its words folded as the tokens are; a REGEX as
    written (it is about letters, which folding leaves alone)."""
    if isinstance(value, str):
        return fold_word(value) or value
    if isinstance(value, dict):
        return {op: [fold_word(v) or v if isinstance(v, str) else v for v in arg]
                if op in ("IN", "NOT_IN") and isinstance(arg, list) else arg for op, arg in value.items()}
    return value


def _on_folded(pattern: list) -> list:
    out = []
    for spec in pattern:
        if "LOWER" in spec:
            spec = dict(spec)
            spec[FOLDED_ATTR] = _folded_value(spec.pop("LOWER"))
        out.append(spec)
    return out


def _named_words(patterns: Iterable[Any]) -> Iterator[str]:
    """The single words that token patterns name by NORM or LEMMA (a value, an `IN` or a `NOT_IN`
    list: a form excluded by NORM must read as itself, not as the listed word it inflects)."""
    for pattern in patterns:
        for spec in pattern:
            for attr in _NAMED_BY:
                value = spec.get(attr)
                values = ([value] if isinstance(value, str) else
                          [*value.get("IN", []), *value.get("NOT_IN", [])] if isinstance(value, dict) else [])
                for word in values:
                    if isinstance(word, str) and word.isalpha():
                        yield fold_word(word)


# Token attributes whose values the pipeline sets as plain strings, so a pattern that names
# them can only match a Doc holding one of the values it names.
_STRING_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "NORM": "NORM", "LEMMA": "LEMMA", FOLDED_ATTR: FOLDED_ATTR}
Requirement = tuple[str, frozenset[str]]   # an attribute, and the values one token must give it


def _is_required(op: Any) -> bool:
    """Whether a token spec with operator `op` must match at least one token."""
    if op is None or op in ("1", "+"):
        return True
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        low = op[1:-1].split(",")[0]
        return low.isdecimal() and int(low) >= 1
    return False


def _requirements(pattern: list) -> frozenset[Requirement]:
    """What a Doc must hold for `pattern` (with LOWER already read as FOLDED_ATTR) to match:
    for each token the pattern cannot skip, each plain-string attribute it names, with the
    values it allows. A pattern of skippable or open-ended tokens requires nothing."""
    found: set[Requirement] = set()
    for spec in pattern:
        spec = {k.upper(): v for k, v in spec.items() if isinstance(k, str)}
        if not _is_required(spec.get("OP")):
            continue
        for key, attr in _STRING_ATTRS.items():
            value = spec.get(key)
            if isinstance(value, dict) and isinstance(value.get("IN"), list):
                value = value["IN"]
            if isinstance(value, str):
                found.add((attr, frozenset([value])))
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                found.add((attr, frozenset(value)))
    return frozenset(found)


class _Triggers:
    """Which rules' patterns can match a Doc, read from the string values its tokens carry:
    the Matcher tries every pattern at every token, so a rule none of whose patterns finds
    every token it requires is not run at all. Exact: a rule is skipped only where its
    patterns could not match."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str], list[int]] = {}   # (attribute, value) -> requirement ids
        self.needs: list[tuple[int, int]] = []               # per requirement: (pattern id, rule)
        self.counts: list[int] = []                          # requirements per pattern
        self.always: set[int] = set()                        # rules with a pattern that requires nothing

    def add(self, rule: int, patterns: Iterable[list]) -> None:
        for pattern in patterns:
            requirements = _requirements(pattern)
            if not requirements:
                self.always.add(rule)
                continue
            pattern_id = len(self.counts)
            self.counts.append(len(requirements))
            for attr, values in requirements:
                req = len(self.needs)
                self.needs.append((pattern_id, rule))
                for value in values:
                    self.index.setdefault((attr, value), []).append(req)

    def active(self, values: Iterable[tuple[str, str]]) -> set[int]:
        """The rules some pattern of which may match a Doc whose tokens carry `values`."""
        met: set[int] = set()
        index = self.index
        for key in values:
            reqs = index.get(key)
            if reqs:
                met.update(reqs)
        seen: dict[int, int] = {}
        rules = set(self.always)
        for req in met:
            pattern_id, rule = self.needs[req]
            seen[pattern_id] = count = seen.get(pattern_id, 0) + 1
            if count == self.counts[pattern_id]:
                rules.add(rule)
        return rules


@dataclass(frozen=True)
class PatternsSpec:
    patterns: tuple[Any, ...]   # lists of token dicts, as spaCy's Matcher takes them
    kind: str = "patterns"

    def to_dict(self) -> dict[str, Any]:
        return {"patterns": [list(p) for p in self.patterns]}


class PatternsSearcher:
    def __init__(self, setup: Setup) -> None:
        from spacy.matcher import Matcher

        self.setup = setup
        # Not validated again: every pattern was when its pack loaded (PatternsMatcher.compile).
        self._new_matcher = Matcher
        self.matchers: dict[int, Any] = {}   # rule -> its own Matcher, run only where it can match
        self.triggers = _Triggers()
        self._named: set[str] = set()   # words already given to the lexicon: lists recur across rules

    def add(self, index: int, rule) -> None:
        # The words a pattern names are listed, so their disguised spellings ('l0ser',
        # 'm0lly') are read as them, as a term's are.
        for word in dict.fromkeys(_named_words(rule.matcher.patterns)):
            if word not in self._named:
                self._named.add(word)
                self.setup.lexicon.add(word)
        patterns = [_on_folded(list(p)) for p in rule.matcher.patterns]
        matcher = self.matchers[index] = self._new_matcher(self.setup.nlp.vocab)
        matcher.add(str(index), patterns)
        self.triggers.add(index, patterns)

    def find(self, context: MatchContext) -> Iterable[Candidate]:
        if not self.matchers or not len(context.doc):
            return []
        doc = context.doc
        texts = [t.text for t in context.tokens]
        values = self._set_token_attrs(doc, [w or t for t, w in zip(texts, context.folded_tokens)], texts)
        found = self._matches(doc, values, lambda s, e: (doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
        if self.setup.deobfuscate:
            found += self._in_hashtags(context)
        return found

    def _matches(self, doc, values: set[tuple[str, str]], place) -> list[Candidate]:
        """The candidates of every rule whose patterns can match `doc`, in rule order;
        `place(start, end)` gives a match's character offsets."""
        found = []
        for rule in sorted(self.triggers.active(values)):
            found += [Candidate(rule, *place(s, e)) for _, s, e in self.matchers[rule](doc)]
        return found

    def _in_hashtags(self, context: MatchContext) -> list[Candidate]:
        """Matches inside hashtags, which read as the words they are made of: '#UselessPrick' as
        'useless prick'. Offsets are those of the words inside the hashtag."""
        from spacy.tokens import Doc

        found = []
        for token, word in zip(context.tokens, context.folded_tokens):
            if word[:1] != "#" or len(word) < 3:
                continue
            body, at = token.text[1:], token.idx + 1
            spans = segments(body, self.setup.lexicon.vocabulary, self.setup.lexicon.keys_for)
            if len(spans) < 2:
                continue
            words = [fold_word(body[s:e]) or body[s:e] for s, e in spans]
            inner = Doc(self.setup.nlp.vocab, words=words)
            values = self._set_token_attrs(inner, words, words)
            found += self._matches(inner, values, lambda s, e: (at + spans[s][0], at + spans[e - 1][1]))
        return found

    def _set_token_attrs(self, doc, words: list[str], texts: list[str]) -> set[tuple[str, str]]:
        """NORM becomes the listed key a token spells (or its folded form), LEMMA its lemma.
        `words` are the tokens folded; a token of invisible characters, which folds to "",
        comes as its text, since spaCy reads an empty LEMMA as none; `texts` are the tokens as
        written (their ORTH), read from the caller rather than from Token objects. Returns every
        (attribute, value) the tokens now carry, for the triggers."""
        import numpy
        from spacy.attrs import LEMMA, NORM, TAG

        lexicon, strings = self.setup.lexicon, self.setup.nlp.vocab.strings
        ids = []
        values: set[tuple[str, str]] = set()
        for text, word in zip(texts, words):
            keys = lexicon.keys_for(word) if word else ()
            lemma = lexicon.lemmatize(word)
            if keys and keys[0] != word and lemma not in keys and not keys[0].endswith(STEM):
                lemma = lexicon.lemmatize(keys[0])  # a disguised spelling has its listed word's lemma
            norm = keys[0].rstrip(STEM) if keys else word
            ids.append((strings.add(norm), strings.add(lemma), strings.add(word)))
            values.update((("NORM", norm), ("LEMMA", lemma), (FOLDED_ATTR, word), ("ORTH", text)))
        doc.from_array([NORM, LEMMA, TAG], numpy.array(ids, dtype="uint64"))
        return values


class PatternsMatcher:
    kind = "patterns"
    schema: Mapping[str, Mapping[str, Any]] = {
        "patterns": {"type": "array", "minItems": 1,
                     "items": {"type": "array", "minItems": 1, "items": {"type": "object"}},
                     "description": "spaCy Matcher token patterns."},
    }

    def compile(self, data: Mapping[str, Any], where: Where) -> PatternsSpec:
        from spacy.matcher import Matcher  # spaCy's own validation of the patterns
        from spacy.vocab import Vocab

        matcher = Matcher(Vocab(), validate=True)
        for i, pattern in enumerate(data["patterns"]):
            try:
                matcher.add("p", [pattern])
            except Exception as exc:  # spaCy raises MatchPatternError or ValueError
                lines = [l.strip() for l in str(exc).splitlines() if l.strip()]
                detail = [l for l in lines if l.startswith("- [")] or lines[:1]
                raise where.error(f"invalid token pattern: {'; '.join(detail[:2])}", "patterns", i) from None
        return PatternsSpec(tuple(data["patterns"]))

    def searcher(self, setup: Setup) -> PatternsSearcher:
        return PatternsSearcher(setup)
