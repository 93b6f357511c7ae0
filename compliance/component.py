"""The `compliance_matcher` pipeline component: every rule of one language compiled into a
term pass (trie over the lexicon), a token-pattern pass (spaCy Matcher) and a regex pass,
with conditions and allow lists applied; results go to `doc._.violations`.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy
import regex
from spacy.attrs import LEMMA, NORM
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import ensure_path

from .errors import MatchTimeout
from .lattice import TokenView, build_lattice
from .lemmas import get_lemmatizer
from .lexicon import Lexicon
from .model import Rule
from .normalize import Folded, fold, fold_word
from .regex_prefilter import required_any, required_atoms, text_atoms
from .rule_codec import rule_from_dict, rule_to_dict
from .term_index import TermIndex
from .violations import Candidate, to_violations

if not Doc.has_extension("violations"):
    Doc.set_extension("violations", default=())
if not Doc.has_extension("post_lang"):
    Doc.set_extension("post_lang", default=None)


def _spaced(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class _CondTarget:
    rule: int
    kind: str  # "unless" or "requires"


@Language.factory(
    "compliance_matcher",
    default_config={"lemmatizer": "none", "affixes": [], "max_affixes": 0,
                    "regex_timeout": 1.0, "deobfuscate": True},
)
def make_compliance_matcher(nlp: Language, name: str, lemmatizer: str, affixes: list[str],
                            max_affixes: int, regex_timeout: float, deobfuscate: bool) -> "ComplianceMatcher":
    return ComplianceMatcher(nlp, name, lemmatizer=lemmatizer, affixes=tuple(affixes),
                             max_affixes=max_affixes, regex_timeout=regex_timeout,
                             deobfuscate=deobfuscate)


class ComplianceMatcher:
    """Finds rule violations in a Doc. Add rules with `add_rules`; the component is then
    read-only, so one instance serves many threads."""

    def __init__(self, nlp: Language, name: str = "compliance_matcher", *, lemmatizer: str = "none",
                 affixes: tuple[str, ...] = (), max_affixes: int = 0, regex_timeout: float = 1.0,
                 deobfuscate: bool = True) -> None:
        self.nlp, self.name = nlp, name
        self.lang = nlp.lang
        self.regex_timeout = regex_timeout
        self.deobfuscate = deobfuscate
        self.lexicon = Lexicon(get_lemmatizer(lemmatizer, nlp.lang), affixes, max_affixes, decode=deobfuscate)
        self.terms = TermIndex(self.lexicon, lambda chunk: [t.text for t in nlp.tokenizer(chunk)])
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.rules: list[Rule] = []
        self._regexes: list[tuple[int, regex.Pattern]] = []
        self._cond_regexes: dict[tuple[int, str], regex.Pattern] = {}
        self._allow: dict[int, list[regex.Pattern]] = {}
        self._exact_terms: dict[int, frozenset[str]] = {}
        # Per regex rule: characters every match contains, and a search for the strings of
        # which every match contains one (None when unknown); see regex_prefilter.
        self._prefilters: dict[int, tuple[frozenset[str], re.Pattern | None]] = {}
        self._attr_cache: dict[str, tuple[int, int]] = {}
        self.today = dt.date.today()
        # Findings of two rules of one category on the same span are shown once, unless a
        # caller (such as the example runner) needs to see every rule's own result.
        self.merge_same_span = True

    # -- building -----------------------------------------------------------------------
    def add_rules(self, rules: Iterable[Rule], today: dt.date | None = None) -> None:
        """Compile rules that apply to this pipeline's language and have not expired."""
        self.today = today or self.today
        for rule in rules:
            if rule.until and rule.until <= self.today:
                continue
            index = len(self.rules)
            self.rules.append(rule)
            live_terms = [t.text for t in rule.terms if not (t.until and t.until <= self.today)]
            for term in live_terms:
                self.terms.add(term, index)
            if rule.exact and live_terms:
                # Exact terms still go through the trie, but only a literal occurrence counts.
                self._exact_terms[index] = frozenset(_spaced(t) for t in live_terms)
            if rule.patterns:
                self.matcher.add(str(index), [list(p) for p in rule.patterns])
            if rule.regex:
                self._regexes.append((index, regex.compile(rule.regex)))
                any_of = required_any(rule.regex)
                # The standard library's engine scans a plain literal alternation about four
                # times faster than the regex module's.
                self._prefilters[index] = (required_atoms(rule.regex), None if any_of is None else re.compile(
                    "|".join(re.escape(s) for s in sorted(any_of, key=len, reverse=True))))
            for kind in ("unless", "requires"):
                cond = getattr(rule, kind)
                if cond is None:
                    continue
                for term in cond.terms:
                    self.terms.add(term, _CondTarget(index, kind))
                if cond.regex:
                    self._cond_regexes[(index, kind)] = regex.compile(cond.regex)
            if rule.allow:
                self._allow[index] = [regex.compile(a, regex.IGNORECASE) for a in rule.allow]

    # -- running ------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if not self.rules:
            return doc
        text = doc.text
        tokens = [TokenView(t.text, t.idx, bool(t.whitespace_)) for t in doc]  # one walk over the Doc
        folded_tokens = [fold_word(t.text) for t in tokens]
        self._set_token_attrs(doc, folded_tokens)
        lattice = build_lattice(tokens, self.lexicon, folded_tokens, self.deobfuscate)
        candidates: list[Candidate] = []
        cond_hits: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for target, start, end in self.terms.matches(lattice):
            if isinstance(target, _CondTarget):
                cond_hits.setdefault((target.rule, target.kind), []).append((start, end))
            elif target not in self._exact_terms or _spaced(text[start:end]) in self._exact_terms[target]:
                candidates.append(Candidate(target, start, end))
        if len(self.matcher):
            for match_id, s, e in self.matcher(doc):
                span = doc[s:e]
                candidates.append(Candidate(int(self.nlp.vocab.strings[match_id]), span.start_char, span.end_char))
        folded: Folded | None = None
        if self._regexes:
            folded = fold(text, casefold=False)
            candidates.extend(self._regex_pass(text, folded))
        # A condition's regex only matters for a rule that found something.
        found_rules = {c.rule for c in candidates}
        wanted = [(key, p) for key, p in self._cond_regexes.items() if key[0] in found_rules]
        if wanted:
            folded = folded or fold(text, casefold=False)
            for (index, kind), pattern in wanted:
                for m in self._finditer(pattern, folded.text, self.rules[index]):
                    cond_hits.setdefault((index, kind), []).append(folded.to_original(*m.span()))
        doc._.violations = to_violations(doc, self.rules, candidates, cond_hits, self._allow,
                                         doc._.post_lang or self.lang, self.merge_same_span)
        return doc

    def _set_token_attrs(self, doc: Doc, folded: list[str]) -> None:
        """NORM becomes the listed key a token spells (or its folded form), LEMMA its lemma,
        so token patterns written with NORM or LEMMA see through obfuscation too. Only token
        patterns read them, so a pipeline without any skips this."""
        if not len(self.matcher) or not len(doc):
            return
        doc.from_array([NORM, LEMMA], numpy.array([self._attr_ids(w) for w in folded], dtype="uint64"))

    def _attr_ids(self, word: str) -> tuple[int, int]:
        ids = self._attr_cache.get(word)
        if ids is None:
            keys = self.lexicon.keys_for(word) if word else ()
            strings = self.nlp.vocab.strings
            ids = (strings.add(keys[0].rstrip("*") if keys else word), strings.add(self.lexicon.lemmatize(word)))
            if len(self._attr_cache) > 200_000:
                self._attr_cache.clear()
            self._attr_cache[word] = ids
        return ids

    def _regex_pass(self, text: str, folded: Folded) -> list[Candidate]:
        views = {False: (folded.text, folded.text.casefold(), text_atoms(folded.text))}
        found: list[Candidate] = []
        for index, pattern in self._regexes:
            rule = self.rules[index]
            if rule.exact not in views:
                views[rule.exact] = (text, text.casefold(), text_atoms(text))
            subject, lowered, atoms = views[rule.exact]
            need_all, need_any = self._prefilters[index]
            if not need_all <= atoms or (need_any is not None and not need_any.search(lowered)):
                continue  # this regex cannot match this post
            for m in self._finditer(pattern, subject, rule):
                s, e = m.span(rule.group)
                if s < 0 or e <= s:
                    continue
                if not rule.exact:
                    s, e = folded.to_original(s, e)
                found.append(Candidate(index, s, e))
        return found

    def _finditer(self, pattern: regex.Pattern, subject: str, rule: Rule):
        try:
            return list(pattern.finditer(subject, timeout=self.regex_timeout))
        except TimeoutError:
            raise MatchTimeout(f"rule {rule.id}: regex ran past {self.regex_timeout}s ({rule.source})") from None

    # -- serialisation ------------------------------------------------------------------
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        payload = {"today": self.today.isoformat(), "rules": [rule_to_dict(r) for r in self.rules]}
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "ComplianceMatcher":
        payload = json.loads(data.decode("utf-8"))
        self.add_rules([rule_from_dict(r) for r in payload["rules"]], dt.date.fromisoformat(payload["today"]))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "rules.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "ComplianceMatcher":
        return self.from_bytes((ensure_path(path) / "rules.json").read_bytes())
