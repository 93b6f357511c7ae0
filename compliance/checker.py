"""The Checker: a rule set, a pipeline per language built on first use, reports."""
from __future__ import annotations

import datetime as dt
import itertools
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from spacy.language import Language

from .findings.resolve import resolve
from .findings.violations import shifted, violation
from .languages.detect import LanguageDetector
from .languages.romanised import Romanised, RomanisedFinder
from .model import SEVERITIES, Report, Rule, RuleSet, Violation
from .packs import load_rule_set
from .pipeline import build_pipeline, pipeline_langs
from .posts import Post

Clock = Callable[[], dt.date]


class FixedDay:
    """A clock that always says `day` (what `today=` gives a Checker)."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


class Checker:
    """Checks posts against a set of rule packs.

    A Checker is immutable once made and safe to share between threads: pipelines are built
    once per language, on first use, under a lock. Embargo dates are compared with the day
    of each check, which `clock` gives (today by default; `today=` pins one day). `config`
    holds spaCy-style dotted overrides of the pipeline config, e.g.
    {"components.compliance_matcher.regex_timeout": 0.5}. A Checker pickles as its recipe
    (rules, options) and rebuilds its pipelines on first use after unpickling.
    """

    def __init__(self, rule_set: RuleSet, *, fail_on: str = "warning", clock: Clock = dt.date.today,
                 today: dt.date | None = None, config: Mapping[str, Any] | None = None) -> None:
        if fail_on not in SEVERITIES:
            raise ValueError(f"fail_on must be one of {', '.join(SEVERITIES)}")
        self.rule_set = rule_set
        self.fail_on = fail_on
        self.clock: Clock = FixedDay(today) if today is not None else clock
        self.config = dict(config or {})
        self._pipelines: dict[str, Language] = {}
        self._lock = threading.Lock()
        self.detector = LanguageDetector(pipeline_langs())
        self.romanised = RomanisedFinder(rule_set)

    def __reduce__(self):
        return (_rebuild, (self.rule_set, self.fail_on, self.clock, self.config))

    # -- construction -------------------------------------------------------------------
    @classmethod
    def default(cls, **options: Any) -> "Checker":
        """A checker with the built-in packs only."""
        return cls(load_rule_set(), **options)

    @classmethod
    def from_packs(cls, paths: Iterable[str | Path], *, builtin: bool = True, **options: Any) -> "Checker":
        """A checker with the packs at `paths` (files or folders), added to the built-in
        packs unless `builtin` is False. Raises PackError for a pack that cannot load."""
        return cls(load_rule_set(paths, builtin=builtin), **options)

    def with_packs(self, paths: Iterable[str | Path]) -> "Checker":
        """A new checker with every rule of this one plus the packs at `paths`, whose
        overrides apply to all of them. Raises PackError for a pack that cannot load."""
        return Checker(load_rule_set(paths, builtin=False, base=self.rule_set), fail_on=self.fail_on,
                       clock=self.clock, config=self.config)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.rule_set.rules

    # -- checking -----------------------------------------------------------------------
    def pipeline(self, lang: str) -> Language:
        """The pipeline for posts in `lang` (a multi-language pipeline for a language
        without one of its own)."""
        nlp = self._pipelines.get(lang)
        if nlp is None:
            with self._lock:
                nlp = self._pipelines.get(lang)
                if nlp is None:
                    nlp = build_pipeline(lang, self.rule_set, self.config)
                    self._pipelines[lang] = nlp
        return nlp

    def detect_lang(self, text: str) -> str:
        """The language the checker would check `text` as."""
        return self.detector.detect(text)

    def check(self, text: str, lang: str | None = None, channel: str | None = None, id: Any = None) -> Report:
        """Check one post. `lang` is detected when not given. Offsets in the report refer to `text`."""
        return next(self.check_many([{"id": id, "text": text, "lang": lang, "channel": channel}]))

    def check_many(self, posts: Iterable[str | Mapping[str, Any] | Post], batch_size: int = 256) -> Iterator[Report]:
        """Check posts lazily, in order: each is a string or a mapping with "text" and
        optionally "id", "lang" and "channel". Raises InputError for a post without text."""
        iterator = iter(posts)
        while True:
            chunk = list(itertools.islice(iterator, batch_size))
            if not chunk:
                return
            yield from self._check_chunk([Post.coerce(p) for p in chunk])

    def _check_chunk(self, posts: list[Post]) -> list[Report]:
        day = self.clock()
        langs = [p.lang or self.detect_lang(p.text) for p in posts]
        by_lang: dict[str, list[int]] = {}
        for i, lang in enumerate(langs):
            by_lang.setdefault(lang, []).append(i)
        reports: list[Report | None] = [None] * len(posts)
        for lang, indices in by_lang.items():
            nlp = self.pipeline(lang)
            for i, doc in zip(indices, nlp.pipe(self._docs(nlp, (posts[i].text for i in indices), lang, day))):
                post = posts[i]
                violations = doc._.violations
                if post.lang is None:
                    violations = self._with_other_languages(post.text, lang, violations, day)
                reports[i] = Report(text=post.text, lang=lang, violations=violations,
                                    id=post.id, channel=post.channel, fail_on=self.fail_on)
        return reports  # type: ignore[return-value]

    def _with_other_languages(self, text: str, lang: str, violations: tuple[Violation, ...],
                              day: dt.date) -> tuple[Violation, ...]:
        """Add what each sentence written in another language, and each part written in
        another language's Latin form, breaks under that language's rules."""
        extra: list[Violation] = []
        for start, end, other in self.detector.segments(text, lang):
            extra.extend(shifted(v, start, text) for v in self._violations_in(text[start:end], other, day))
        for part in self.romanised.segments(text, lang):
            extra.extend(self._romanised_violations(text, part, day))
        return resolve(violations + tuple(extra)) if extra else violations

    def _violations_in(self, text: str, lang: str, day: dt.date) -> tuple[Violation, ...]:
        nlp = self.pipeline(lang)
        return next(iter(nlp.pipe(self._docs(nlp, [text], lang, day))))._.violations

    def _romanised_violations(self, text: str, part: Romanised, day: dt.date) -> Iterable[Violation]:
        """What `part` breaks, read in its language's own letters where it has a view, placed
        and quoted in `text` as written."""
        source = text[part.start:part.end] if part.view is None else part.view.text
        for v in self._violations_in(source, part.lang, day):
            if part.view is None:
                yield shifted(v, part.start, text)
                continue
            start, end = part.view.to_original(v.start, v.end)
            rule = self.rule_set.rule(v.rule)
            if rule is not None:
                yield violation(rule, text, part.start + start, part.start + end, part.lang)

    @staticmethod
    def _docs(nlp: Language, texts: Iterable[str], lang: str, day: dt.date):
        # The post's language rides on the Doc so a fallback pipeline cites in that language.
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.post_lang = lang
            doc._.check_date = day
            yield doc


def _rebuild(rule_set: RuleSet, fail_on: str, clock: Clock, config: dict[str, Any]) -> Checker:
    return Checker(rule_set, fail_on=fail_on, clock=clock, config=config)
