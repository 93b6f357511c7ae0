"""What each rule costs on a corpus (`compliance rules profile`): every rule's matcher run on
its own, with its conditions, on every post in a language it applies to, timed; and, for
comparison, what the pipeline spends on the work its rules share."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from .checker import Checker
from .matchers import MATCHERS, MatchContext, Searcher
from .model import Rule
from .pipeline.build import COMPONENT
from .posts import Post, encodable


@dataclass
class RuleCost:
    """One rule over the corpus. `seconds` is its matcher (a regex rule's prefilter too) and
    its conditions, run alone; `regex_seconds` the part spent inside the regex engine."""
    rule: str
    kind: str
    pack: str
    seconds: float = 0.0
    regex_seconds: float = 0.0
    posts: int = 0          # posts in a language the rule applies to
    regex_runs: int = 0     # of those, posts where its regex got past the prefilter and ran
    candidates: int = 0     # what its matcher found, before conditions
    findings: int = 0       # what the whole pipeline reported for it
    gave_up: int = 0        # posts on which its regex ran out of the post's time budget

    @property
    def prefilter_skips(self) -> int | None:
        """Posts a regex rule's prefilter ruled out without running the regex (None for other kinds)."""
        return self.posts - self.regex_runs if self.kind == "regex" else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "prefilter_skips": self.prefilter_skips}


@dataclass
class Profile:
    """The rules slowest first, and the seconds of what the pipeline shares: `shared` has
    `tokenising` (tokenizer and sentencizer), `views` (folded text and the lattice of
    readings, made once per post for all rules), one entry per matcher kind (its searcher
    with all the kind's rules at once, as the pipeline runs it) and `pipeline` (the whole
    pipeline, for scale)."""
    posts: int
    langs: dict[str, int]
    rules: list[RuleCost]
    shared: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"posts": self.posts, "langs": self.langs, "shared": self.shared,
                "rules": [r.to_dict() for r in self.rules]}


class _Probe:
    """One language's pipeline taken apart: the steps before the matcher, and a searcher for
    each rule alone."""

    def __init__(self, checker: Checker, lang: str) -> None:
        self.nlp = checker.pipeline(lang)
        self.component = self.nlp.get_pipe(COMPONENT)
        self.before = [proc for name, proc in self.nlp.pipeline if name != COMPONENT]
        self.alone: list[tuple[int, Rule, Searcher]] = []
        for index, rule in enumerate(self.component.rules):
            searcher = MATCHERS[rule.kind].searcher(self.component.setup)
            searcher.add(index, rule)
            self.alone.append((index, rule, searcher))

    def run(self, text: str, lang: str, day: dt.date, costs: dict[str, RuleCost], shared: dict[str, float]) -> None:
        """Time every rule of this pipeline on one post and add the numbers to `costs` and `shared`."""
        clock = time.perf_counter
        started = clock()
        doc = self.nlp.make_doc(encodable(text))
        doc._.post_lang, doc._.check_date = lang, day
        for proc in self.before:
            doc = proc(doc)
        tokenised = clock()
        context = MatchContext(doc, self.component.setup, day)
        _ = (context.folded_tokens, context.lattice, context.folded)  # made once here, shared by all rules
        viewed = clock()
        _add(shared, "tokenising", tokenised - started)
        _add(shared, "views", viewed - tokenised)
        for kind, searcher in self.component.searchers.items():
            began = clock()
            list(searcher.find(context))
            _add(shared, kind, clock() - began)
        conditions, rules = self.component.conditions, self.component.rules
        for index, rule, searcher in self.alone:
            # Each rule gets the whole of the post's regex budget, as if it were the only one.
            context.regex_spent, context.gave_up = 0.0, set()
            began = clock()
            found = list(searcher.find(context))
            matcher_regex = context.regex_spent
            conditions.filter(found, rules, context)
            cost = costs[rule.id]
            cost.seconds += clock() - began
            cost.regex_seconds += context.regex_spent
            cost.posts += 1
            cost.regex_runs += rule.kind == "regex" and (matcher_regex > 0 or index in context.gave_up)
            cost.candidates += len(found)
            cost.gave_up += index in context.gave_up
        began = clock()
        doc = self.component(doc)
        _add(shared, "pipeline", clock() - began + tokenised - started)
        for v in doc._.violations:
            costs[v.rule].findings += v.end > v.start  # a give-up note has an empty span


def _add(totals: dict[str, float], key: str, seconds: float) -> None:
    totals[key] = totals.get(key, 0.0) + seconds


def profile(checker: Checker, posts: Iterable[Post], day: dt.date | None = None) -> Profile:
    """Every rule of `checker` timed over `posts`, slowest first (rules no post's language
    reaches are listed with zeros). Each post is checked in its own language (given or
    detected) only, so `findings` leave out what sentences in other languages add. A rule's
    time alone includes its kind's set-up for one post (the regex kind's views of the text,
    the patterns kind's token attributes), which the pipeline does once for all the kind's
    rules: compare rules of one kind with each other, and kinds in `shared`."""
    day = day or checker.clock()
    costs = {r.id: RuleCost(r.id, r.kind, r.pack) for r in checker.rules}
    probes: dict[str, _Probe] = {}
    shared: dict[str, float] = {}
    langs: dict[str, int] = {}
    count = 0
    for post in posts:
        lang = post.lang or checker.detect_lang(post.text)
        if lang not in probes:
            probes[lang] = _Probe(checker, lang)
            # Once untimed: what loads on a pipeline's first post would count as one rule's cost.
            probes[lang].run(post.text, lang, day, {r.id: RuleCost(r.id, r.kind, r.pack) for r in checker.rules}, {})
        probes[lang].run(post.text, lang, day, costs, shared)
        langs[lang] = langs.get(lang, 0) + 1
        count += 1
    ranked = sorted(costs.values(), key=lambda c: (-c.seconds, c.rule))
    return Profile(count, langs, ranked, shared)
