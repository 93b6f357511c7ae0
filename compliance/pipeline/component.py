"""The `compliance_matcher` pipeline component, built the way spaCy's own SpanRuler is: a
factory with config, `initialize` fed by a registered reader, `clear()` before every load,
and `to_disk`/`from_disk` that `spacy.load` reads.

Each rule of the component's language goes to the searcher of its matcher kind; the
candidates pass the shared conditions and the overlap resolver, and are written to
`doc.spans["compliance"]` (label: the rule id; spans widened to whole tokens) with the exact
findings, as plain data, in the group's `attrs["violations"]`. `doc._.violations` reads them.
"""
# No `from __future__ import annotations`: spaCy validates `initialize`'s settings against
# its real annotations.
import datetime as dt
import threading
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Optional

import srsly
from spacy import util
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from ..findings.conditions import Conditions, candidates_of
from ..findings.resolve import resolve, without_fallbacks
from ..findings.violations import gave_up, violation
from ..matchers import MATCHERS, MatchContext, Setup
from ..model import Rule, RuleSet, Violation
from ..normalize.lemmas import get_morphology
from ..normalize.lexicon import Lexicon

SPANS_KEY = "compliance"


def _violations_of(doc: Doc) -> tuple[Violation, ...]:
    group = doc.spans.get(SPANS_KEY)
    if group is None:
        return ()
    return tuple(Violation.from_dict(v) for v in group.attrs.get("violations", ()))


if not Doc.has_extension("violations"):
    Doc.set_extension("violations", getter=_violations_of)
# The language of the post (a fallback pipeline serves several) and the day of the check,
# for citations and embargoes; both default to the pipeline's language and today.
if not Doc.has_extension("post_lang"):
    Doc.set_extension("post_lang", default=None)
if not Doc.has_extension("check_date"):
    Doc.set_extension("check_date", default=None)
# What the publishing tool says of the post (a `Metadata`), which rules' `when` read.
if not Doc.has_extension("post_metadata"):
    Doc.set_extension("post_metadata", default=None)


@Language.factory(
    "compliance_matcher",
    assigns=["doc.spans", "doc._.violations", "token.norm", "token.lemma"],
    default_config={"lang": "", "lemmatizer": "none", "affixes": [], "max_affixes": 0,
                    "regex_budget": 1.0, "regex_give_up_after": 3, "deobfuscate": True, "merge_same_span": True},
)
def make_compliance_matcher(nlp: Language, name: str, lang: str, lemmatizer: str, affixes: list[str],
                            max_affixes: int, regex_budget: float, regex_give_up_after: int, deobfuscate: bool,
                            merge_same_span: bool) -> "ComplianceMatcher":
    return ComplianceMatcher(nlp, name, lang=lang, lemmatizer=lemmatizer, affixes=tuple(affixes),
                             max_affixes=max_affixes, regex_budget=regex_budget,
                             regex_give_up_after=regex_give_up_after,
                             deobfuscate=deobfuscate, merge_same_span=merge_same_span)


class ComplianceMatcher:
    """Finds rule violations in a Doc. Rules come in through `initialize` or `from_disk`,
    each of which starts from `clear()`; afterwards the component only reads its rules, so
    one instance serves many threads (the count of regexes that gave up is kept under a lock). `lang` is the language whose rules it takes (the
    pipeline's own by default; a fallback pipeline for German posts takes German rules)."""

    def __init__(self, nlp: Language, name: str = "compliance_matcher", *, lang: str = "", lemmatizer: str = "none",
                 affixes: tuple[str, ...] = (), max_affixes: int = 0, regex_budget: float = 1.0,
                 regex_give_up_after: int = 3,
                 deobfuscate: bool = True, merge_same_span: bool = True) -> None:
        self.nlp, self.name = nlp, name
        self.cfg = {"lang": lang, "lemmatizer": lemmatizer, "affixes": list(affixes), "max_affixes": max_affixes,
                    "regex_budget": regex_budget, "regex_give_up_after": regex_give_up_after,
                    "deobfuscate": deobfuscate,
                    "merge_same_span": merge_same_span}
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        """Forget every rule."""
        cfg = self.cfg
        lexicon = Lexicon(get_morphology(cfg["lemmatizer"], self.nlp.lang), tuple(cfg["affixes"]),
                          cfg["max_affixes"], decode=cfg["deobfuscate"], lang=self.lang)
        self.setup = Setup(nlp=self.nlp, lang=self.lang, lexicon=lexicon, split=self._split,
                           deobfuscate=cfg["deobfuscate"], regex_budget=cfg["regex_budget"])
        self.rule_set = RuleSet((), {})
        self.rules: tuple[Rule, ...] = ()
        self.searchers = {kind: matcher.searcher(self.setup) for kind, matcher in MATCHERS.items()}
        self.conditions = Conditions(self.setup)
        # The one state a run changes: how often each rule's regex gave up. A rule that runs
        # out of time on `regex_give_up_after` posts is not run again by this pipeline (and is
        # reported as giving up on every later post), so a hostile pattern costs seconds, not hours.
        self._strikes: dict[int, int] = {}
        self._suspended: frozenset[int] = frozenset()

    def initialize(self, get_examples: Optional[Callable[[], Iterable[Any]]] = None, *,
                   nlp: Optional[Language] = None, rules: Optional[Dict[str, Any]] = None) -> None:
        """Start from no rules and take those of `rules` (a rule set as plain data,
        `RuleSet.to_dict()`, as the config's reader `compliance.read_packs.v1` gives it) that
        apply to the component's language."""
        self.clear()
        if rules is not None:
            self.add_rules(RuleSet.from_dict(rules, "[initialize] rules"))

    def add_rules(self, rule_set: RuleSet) -> None:
        """Add the rules of `rule_set` that apply to the component's language."""
        rules = list(self.rules)
        policies = dict(self.rule_set.policies)
        for rule in rule_set.for_lang(self.lang):
            index = len(rules)
            rules.append(rule)
            policies.setdefault(rule.policy.id, rule.policy)
            self.searchers[rule.kind].add(index, rule)
            self.conditions.add(index, rule)
        self.rules = tuple(rules)
        self.rule_set = RuleSet(self.rules, policies)

    def _split(self, chunk: str) -> list[str]:
        """A term's words as the tokenizer splits posts; a plain word that is no tokenizer
        exception is one token, which saves the tokenizer on long codename lists."""
        if chunk.isalpha() and chunk not in self.nlp.Defaults.tokenizer_exceptions:
            return [chunk]
        return [t.text for t in self.nlp.tokenizer(chunk)]

    @property
    def lang(self) -> str:
        return self.cfg["lang"] or self.nlp.lang

    def __len__(self) -> int:
        return len(self.rules)

    # -- running ------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        violations: tuple[Violation, ...] = ()
        if self.rules:
            context = MatchContext(doc, self.setup, doc._.check_date or dt.date.today(), self._suspended)
            found = candidates_of(self.searchers.values(), context)
            candidates = self.conditions.filter(found, self.rules, context)
            lang = doc._.post_lang or self.lang
            # On a tie the rule loaded first wins, whichever kind found it.
            violations = resolve((violation(self.rules[c.rule], context.text, c.start, c.end, lang)
                                  for c in sorted(candidates, key=lambda c: c.rule)), self.cfg["merge_same_span"])
            # A match let go by a validator, an allow pattern or an `unless` shows the lists weighed
            # the post; one whose `requires` context was missing was never about its topic.
            weighed = context.rejected
            violations = without_fallbacks(violations, self.rule_set.fallbacks,
                                           {self.rules[i].category for i in weighed if not self.rules[i].fallback})
            violations += tuple(gave_up(self.rules[i], context.text, context.regex_allowance, lang)
                                for i in sorted(context.gave_up))
            self._count_strikes(context.gave_up - context.suspended)
        spans = [doc.char_span(v.start, v.end, label=v.rule, alignment_mode="expand") for v in violations]
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, attrs={"violations": [v.to_dict() for v in violations]},
                                         spans=[s for s in spans if s is not None])
        return doc

    def _count_strikes(self, rules: set[int]) -> None:
        if not rules:
            return
        with self._lock:
            for index in rules:
                self._strikes[index] = self._strikes.get(index, 0) + 1
            self._suspended = frozenset(i for i, n in self._strikes.items() if n >= self.cfg["regex_give_up_after"])

    # -- serialisation ------------------------------------------------------------------
    def to_bytes(self, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> bytes:
        serializers = {
            "cfg": lambda: srsly.json_dumps(self.cfg),
            "policies": lambda: srsly.json_dumps(self.rule_set.policies_to_list()),
            "rules": lambda: srsly.json_dumps(self.rule_set.rules_to_list()),
        }
        return util.to_bytes(serializers, exclude)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> "ComplianceMatcher":
        self.clear()
        loaded: dict[str, Any] = {}
        deserializers = {
            "cfg": lambda b: loaded.__setitem__("cfg", srsly.json_loads(b)),
            "policies": lambda b: loaded.__setitem__("policies", srsly.json_loads(b)),
            "rules": lambda b: loaded.__setitem__("rules", srsly.json_loads(b)),
        }
        util.from_bytes(data, deserializers, exclude)
        return self._load(loaded, "<bytes>")

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> None:
        path = util.ensure_path(path)
        serializers = {
            "cfg": lambda p: srsly.write_json(p, self.cfg),
            "policies.json": lambda p: srsly.write_json(p, self.rule_set.policies_to_list()),
            "rules.jsonl": lambda p: srsly.write_jsonl(p, self.rule_set.rules_to_list()),
        }
        util.to_disk(path, serializers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = util.SimpleFrozenList()) -> "ComplianceMatcher":
        self.clear()
        path = util.ensure_path(path)
        loaded: dict[str, Any] = {}
        deserializers = {
            "cfg": lambda p: loaded.__setitem__("cfg", srsly.read_json(p)),
            "policies.json": lambda p: loaded.__setitem__("policies", srsly.read_json(p)),
            "rules.jsonl": lambda p: loaded.__setitem__("rules", list(srsly.read_jsonl(p))),
        }
        util.from_disk(path, deserializers, exclude)
        return self._load(loaded, str(path / "rules.jsonl"))

    def _load(self, loaded: dict[str, Any], source: str) -> "ComplianceMatcher":
        if "cfg" in loaded and loaded["cfg"] != self.cfg:
            self.cfg = loaded["cfg"]
            self.clear()
        if "rules" in loaded:
            self.add_rules(RuleSet.from_lists(loaded.get("policies", ()), loaded["rules"], source))
        return self
