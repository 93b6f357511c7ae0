"""The Checker: a rule set, a pipeline per language built on first use, reports."""
from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cached_property
import itertools
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from .findings.resolve import resolve, without_fallbacks
from .findings.waivers import apply_waivers
from .findings.violations import shifted, violation
from .languages import pipeline_langs
from .languages.detect import LanguageDetector
from .languages.romanised import Romanised, RomanisedFinder
from .model import SEVERITIES, Report, Rule, RuleSet, Violation
from .packs import load_rule_set
from .errors import InputError
from .documents import chunks
from .metadata import Metadata
from .posts import MAX_TEXT_LENGTH, Post, encodable

DOCUMENT_CHUNK = 100_000

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

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
    {"components.compliance_matcher.regex_budget": 0.5}. A post's own waivers (its
    `waivers` field) always apply; with `report_unused_waivers` a waiver that waives nothing
    is a finding. A Checker pickles as its recipe (rules, options) and rebuilds its
    pipelines on first use after unpickling.
    """

    def __init__(self, rule_set: RuleSet, *, fail_on: str = "warning", clock: Clock = dt.date.today,
                 today: dt.date | None = None, config: Mapping[str, Any] | None = None,
                 report_unused_waivers: bool = False) -> None:
        if fail_on not in SEVERITIES:
            raise ValueError(f"fail_on must be one of {', '.join(SEVERITIES)}")
        self.rule_set = rule_set
        self.fail_on = fail_on
        self.clock: Clock = FixedDay(today) if today is not None else clock
        self.config = dict(config or {})
        self.report_unused_waivers = report_unused_waivers
        self._pipelines: dict[tuple[str, bool], Language] = {}
        self._lock = threading.Lock()
        self._zone = threading.Lock()
        self._recurring: dict[int, Any] = {}   # per pipeline (by id): its RecurringWords
        self.detector = LanguageDetector(pipeline_langs())
        self.romanised = RomanisedFinder(rule_set)

    def __reduce__(self):
        return (_rebuild, (self.rule_set, self.fail_on, self.clock, self.config, self.report_unused_waivers))

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
                       clock=self.clock, config=self.config, report_unused_waivers=self.report_unused_waivers)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.rule_set.rules

    # -- checking -----------------------------------------------------------------------
    def pipeline(self, lang: str, neutral: bool = True) -> Language:
        """The pipeline for posts in `lang` (a multi-language pipeline for a language
        without one of its own). With `neutral` False it holds only the rules written for
        `lang`, for a sentence in another language whose post the neutral rules have seen."""
        key = (lang, neutral)
        nlp = self._pipelines.get(key)
        if nlp is None:
            with self._lock:
                nlp = self._pipelines.get(key)
                if nlp is None:
                    from .pipeline import build_pipeline  # spaCy loads when a post needs it

                    rules = self.rule_set if neutral else RuleSet(
                        tuple(r for r in self.rule_set.rules if r.langs is not None), self.rule_set.policies)
                    nlp = build_pipeline(lang, rules, self.config)
                    self._pipelines[key] = nlp
        return nlp

    def detect_lang(self, text: str) -> str:
        """The language the checker would check `text` as."""
        return self.detector.detect(text)

    def check(self, text: str, lang: str | None = None, channel: str | None = None, id: Any = None,
              **metadata: Any) -> Report:
        """Check one post. `lang` (a language code or BCP 47 tag) is detected when not given.
        `channel` and the other `metadata` keywords (`sponsored`, `gifted`, `affiliate`,
        `audience`, `author_role`, `substantiation`: see `compliance.metadata`) say how it is
        published, for the rules whose `when` reads them. Offsets in the report refer to
        `text`. Raises InputError for a post or metadata it cannot check."""
        post = Post.coerce({**metadata, "id": id, "text": text, "lang": lang, "channel": channel},
                           known_langs=pipeline_langs())
        return next(self.check_many([post]))

    def check_document(self, text: str, lang: str | None = None, channel: str | None = None,
                       id: Any = None, **metadata: Any) -> Report:
        """Check a document of any length (a long draft): up to DOCUMENT_CHUNK characters at a
        time, cut at paragraph, line, sentence or word boundaries, in the language given or
        detected from its start; `channel` and `metadata` as for `check`. Offsets in the
        report refer to `text`."""
        if len(text) <= DOCUMENT_CHUNK:
            return self.check(text, lang=lang, channel=channel, id=id, **metadata)
        given = Post.coerce({**metadata, "text": "", "lang": lang, "channel": channel}, known_langs=pipeline_langs())
        lang = given.lang or self.detect_lang(text[:DOCUMENT_CHUNK])
        pieces = chunks(text, DOCUMENT_CHUNK)
        reports = self.check_many(Post(piece, lang=lang, metadata=given.metadata) for _, piece in pieces)
        violations = tuple(shifted(v, offset, text) for (offset, _), report in zip(pieces, reports)
                           for v in report.violations)
        return Report(text=text, lang=lang, violations=violations, id=id, metadata=given.metadata, fail_on=self.fail_on,
                      coverage=_coverage(lang))

    def check_many(self, posts: Iterable[str | Mapping[str, Any] | Post], batch_size: int = 256,
                   errors: str = "raise", max_chars: int = MAX_TEXT_LENGTH) -> Iterator[Report]:
        """Check posts lazily, in order: each is a string, a `Post`, or a mapping with "text"
        and optionally "id", "lang", "waivers" and the metadata keys (see `check`).

        Every report computed before a post that cannot be checked is yielded first. Then,
        with `errors="raise"`, an InputError names that post's index and id; with
        `errors="report"`, a Report whose `error` says what is wrong takes its place and the
        stream goes on. Only ComplianceErrors are raised.
        """
        if isinstance(posts, (str, bytes)):
            raise InputError("check_many takes an iterable of posts, not one string (use check())")
        if errors not in ("raise", "report"):
            raise ValueError('errors must be "raise" or "report"')
        return self._stream(posts, batch_size, errors, max_chars)

    def _stream(self, posts: Iterable[Any], batch_size: int, errors: str, max_chars: int) -> Iterator[Report]:
        chunk: list[tuple[int, Post]] = []
        for index, item in enumerate(posts):
            try:
                chunk.append((index, Post.coerce(item, max_chars, pipeline_langs())))
            except InputError as exc:
                yield from self._check_chunk(chunk, errors)
                chunk = []
                failure = _failure(index, item, str(exc))
                if errors == "raise":
                    raise failure from None
                yield self._error_report(item, str(failure))
                continue
            if len(chunk) >= batch_size:
                yield from self._check_chunk(chunk, errors)
                chunk = []
        yield from self._check_chunk(chunk, errors)

    def _error_report(self, item: Any, message: str) -> Report:
        post_id = item.get("id") if isinstance(item, Mapping) else getattr(item, "id", None)
        return Report(text="", lang="", violations=(), id=post_id, fail_on=self.fail_on, error=message)

    def _check_chunk(self, chunk: list[tuple[int, Post]], errors: str) -> list[Report]:
        if not chunk:
            return []
        try:
            return self._check_posts([p for _, p in chunk])
        except Exception:  # noqa: BLE001 - find the post that fails, keep the others' results
            if len(chunk) == 1:
                index, post = chunk[0]
                failure = _failure(index, post, "could not be checked (an internal error; "
                                                "please report it with this post)")
                if errors == "raise":
                    raise failure from None
                return [self._error_report(post, str(failure))]
            reports: list[Report] = []
            for one in chunk:
                reports.extend(self._check_chunk([one], errors))
            return reports

    def _check_posts(self, posts: list[Post]) -> list[Report]:
        day = self.clock()
        langs = [p.lang or self.detect_lang(p.text) for p in posts]
        by_lang: dict[str, list[int]] = {}
        for i, lang in enumerate(langs):
            by_lang.setdefault(lang, []).append(i)
        reports: list[Report | None] = [None] * len(posts)
        for lang, indices in by_lang.items():
            nlp = self.pipeline(lang)
            coverage = _coverage(lang)
            found = self._violations_of(nlp, [posts[i].text for i in indices], lang, day,
                                        [posts[i].metadata for i in indices])
            for i, violations in zip(indices, found):
                post = posts[i]
                if post.lang is None:
                    violations = self._with_other_languages(post.text, lang, violations, day, post.metadata)
                elif (typed := self.romanised.given(post.text, lang)) is not None:
                    violations = resolve(violations + tuple(self._romanised_violations(post.text, typed, day,
                                                                                        post.metadata)))
                violations = without_fallbacks(violations, self.rule_set.fallbacks)
                report = Report(text=post.text, lang=lang, violations=violations, id=post.id,
                                metadata=post.metadata, fail_on=self.fail_on, coverage=coverage)
                reports[i] = apply_waivers(report, post.waivers, post.text, self.report_unused_waivers)
        return reports  # type: ignore[return-value]

    def _with_other_languages(self, text: str, lang: str, violations: tuple[Violation, ...],
                              day: dt.date, metadata: Metadata) -> tuple[Violation, ...]:
        """Add what each sentence written in another language, and each part written in
        another language's Latin form, breaks under that language's rules."""
        extra: list[Violation] = []
        for start, end, other in self.detector.segments(text, lang):
            extra.extend(shifted(v, start, text) for v in self._violations_in(text[start:end], other, day, metadata))
        for part in self.romanised.segments(text, lang):
            extra.extend(self._romanised_violations(text, part, day, metadata))
        return resolve(violations + tuple(extra)) if extra else violations

    def _violations_in(self, text: str, lang: str, day: dt.date, metadata: Metadata) -> tuple[Violation, ...]:
        """What `text`, part of a post, breaks under the rules of `lang` alone (the
        language-neutral rules, and those that judge the whole post, have seen the post)."""
        found = self._violations_of(self.pipeline(lang, neutral=False), [text], lang, day, [metadata])[0]
        return tuple(v for v in found if v.rule not in self._whole_post_rules)

    @cached_property
    def _whole_post_rules(self) -> frozenset[str]:
        from .matchers import MATCHERS

        return frozenset(r.id for r in self.rule_set.rules if getattr(MATCHERS.get(r.kind), "whole_post", False))

    def _violations_of(self, nlp: Language, texts: list[str], lang: str, day: dt.date,
                       metadata: list[Metadata]) -> list[tuple[Violation, ...]]:
        """The violations of each of `texts` under `nlp`. The Docs live in a spaCy memory
        zone, so the strings only these posts brought (handles, links, hashtags, every token's
        NORM and LEMMA) are freed afterwards and a long stream does not grow the vocabulary;
        zones swap the vocabulary's string store, so one is open at a time per checker. What
        recurs from batch to batch is then kept for good (see `RecurringWords`)."""
        from .pipeline.recurring import RecurringWords

        with self._zone:
            with nlp.memory_zone():
                found = [_as_written(doc._.violations, text, doc.text)
                         for text, doc in zip(texts, nlp.pipe(self._docs(nlp, texts, lang, day, metadata)))]
            self._recurring.setdefault(id(nlp), RecurringWords()).learn(nlp, map(encodable, texts))
            return found

    def _romanised_violations(self, text: str, part: Romanised, day: dt.date,
                              metadata: Metadata) -> Iterable[Violation]:
        """What `part` breaks, read in its language's own letters where it has a view, placed
        and quoted in `text` as written."""
        source = text[part.start:part.end] if part.view is None else part.view.text
        for v in self._violations_in(source, part.lang, day, metadata):
            if part.view is None:
                yield shifted(v, part.start, text)
                continue
            start, end = part.view.to_original(v.start, v.end)
            rule = self.rule_set.rule(v.rule)
            if rule is not None:
                yield violation(rule, text, part.start + start, part.start + end, part.lang)

    @staticmethod
    def _docs(nlp: Language, texts: Iterable[str], lang: str, day: dt.date, metadata: list[Metadata]):
        # The post's language rides on the Doc so a fallback pipeline cites in that language.
        for text, meta in zip(texts, metadata):
            doc = nlp.make_doc(encodable(text))
            doc._.post_lang = lang
            doc._.check_date = day
            doc._.post_metadata = meta
            yield doc


def _as_written(violations: tuple[Violation, ...], text: str, seen: str) -> tuple[Violation, ...]:
    """`violations` found in `seen` (the text with lone surrogates replaced), matching `text`."""
    if seen == text:
        return violations
    return tuple(dataclasses.replace(v, match=text[v.start:v.end]) for v in violations)


def _coverage(lang: str) -> str | None:
    """What a report in `lang` did not check, or None when every rule applies."""
    if lang in pipeline_langs():
        return None
    return f"no packs for language {lang!r}: only the language-neutral rules were checked"


def _failure(index: int, item: Any, what: str) -> InputError:
    post_id = item.get("id") if isinstance(item, Mapping) else getattr(item, "id", None)
    named = f" (id {post_id!r})" if post_id is not None else ""
    return InputError(f"post {index}{named}: {what}")


def _rebuild(rule_set: RuleSet, fail_on: str, clock: Clock, config: dict[str, Any],
             report_unused_waivers: bool) -> Checker:
    return Checker(rule_set, fail_on=fail_on, clock=clock, config=config,
                   report_unused_waivers=report_unused_waivers)
