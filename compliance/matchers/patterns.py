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
        self.matcher = Matcher(setup.nlp.vocab)
        self._named: set[str] = set()   # words already given to the lexicon: lists recur across rules

    def add(self, index: int, rule) -> None:
        # The words a pattern names are listed, so their disguised spellings ('l0ser',
        # 'm0lly') are read as them, as a term's are.
        for word in dict.fromkeys(_named_words(rule.matcher.patterns)):
            if word not in self._named:
                self._named.add(word)
                self.setup.lexicon.add(word)
        self.matcher.add(str(index), [_on_folded(list(p)) for p in rule.matcher.patterns])

    def find(self, context: MatchContext) -> Iterable[Candidate]:
        if not len(self.matcher) or not len(context.doc):
            return []
        doc = context.doc
        self._set_token_attrs(doc, [w or t.text for t, w in zip(context.tokens, context.folded_tokens)])
        strings = self.setup.nlp.vocab.strings
        found = [Candidate(int(strings[match_id]), doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
                 for match_id, s, e in self.matcher(doc)]
        if self.setup.deobfuscate:
            found += self._in_hashtags(context)
        return found

    def _in_hashtags(self, context: MatchContext) -> list[Candidate]:
        """Matches inside hashtags, which read as the words they are made of: '#UselessPrick' as
        'useless prick'. Offsets are those of the words inside the hashtag."""
        from spacy.tokens import Doc

        strings = self.setup.nlp.vocab.strings
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
            self._set_token_attrs(inner, words)
            found += [Candidate(int(strings[match_id]), at + spans[s][0], at + spans[e - 1][1])
                      for match_id, s, e in self.matcher(inner)]
        return found

    def _set_token_attrs(self, doc, words: list[str]) -> None:
        """NORM becomes the listed key a token spells (or its folded form), LEMMA its lemma.
        `words` are the tokens folded; a token of invisible characters, which folds to "",
        comes as its text, since spaCy reads an empty LEMMA as none."""
        import numpy
        from spacy.attrs import LEMMA, NORM, TAG

        lexicon, strings = self.setup.lexicon, self.setup.nlp.vocab.strings
        ids = []
        for word in words:
            keys = lexicon.keys_for(word) if word else ()
            lemma = lexicon.lemmatize(word)
            if keys and keys[0] != word and lemma not in keys and not keys[0].endswith(STEM):
                lemma = lexicon.lemmatize(keys[0])  # a disguised spelling has its listed word's lemma
            ids.append((strings.add(keys[0].rstrip(STEM) if keys else word), strings.add(lemma), strings.add(word)))
        doc.from_array([NORM, LEMMA, TAG], numpy.array(ids, dtype="uint64"))


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
