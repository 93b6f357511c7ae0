"""The Checker: loaded rules, a pipeline per language built on first use, reports."""
from __future__ import annotations

import datetime as dt
import itertools
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from spacy.language import Language

from .errors import InputError
from .langdetect import LanguageDetector
from .model import SEVERITIES, Report, Rule, Violation
from .violations import shifted
from .pack_loader import RuleSet, load_rule_set
from .pipeline import build_pipeline, pipeline_langs

Post = str | Mapping[str, Any]
MAX_TEXT_LENGTH = 1_000_000  # spaCy's own limit per Doc


class Checker:
    """Checks posts against a set of rule packs.

    A Checker is immutable once made and safe to share between threads: pipelines are built
    once per language, on first use, under a lock.
    """

    def __init__(self, rule_set: RuleSet, *, fail_on: str = "warning", today: dt.date | None = None,
                 pack_paths: tuple[str, ...] = (), builtin: bool = True) -> None:
        if fail_on not in SEVERITIES:
            raise ValueError(f"fail_on must be one of {', '.join(SEVERITIES)}")
        self.rule_set = rule_set
        self.fail_on = fail_on
        self.today = today or dt.date.today()
        self._pack_paths = pack_paths
        self._builtin = builtin
        self._pipelines: dict[str, Language] = {}
        self._lock = threading.Lock()
        self.detector = LanguageDetector(pipeline_langs())

    # -- construction -------------------------------------------------------------------
    @classmethod
    def default(cls, **options: Any) -> "Checker":
        """A checker with the built-in packs only."""
        return cls(load_rule_set(), **options)

    @classmethod
    def from_packs(cls, paths: Iterable[str | Path], *, builtin: bool = True, **options: Any) -> "Checker":
        """A checker with the packs at `paths` (files or folders), added to the built-in
        packs unless `builtin` is False. Raises PackError for a pack that cannot load."""
        paths = tuple(str(p) for p in paths)
        return cls(load_rule_set(paths, builtin=builtin), pack_paths=paths, builtin=builtin, **options)

    def with_packs(self, paths: Iterable[str | Path]) -> "Checker":
        """A new checker with this one's packs plus the packs at `paths`."""
        return Checker.from_packs(self._pack_paths + tuple(str(p) for p in paths), builtin=self._builtin,
                                  fail_on=self.fail_on, today=self.today)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.rule_set.rules

    # -- checking -----------------------------------------------------------------------
    def pipeline(self, lang: str) -> Language:
        """The pipeline for posts in `lang` (the fallback pipeline for a language without one)."""
        nlp = self._pipelines.get(lang)
        if nlp is None:
            with self._lock:
                nlp = self._pipelines.get(lang)
                if nlp is None:
                    nlp = build_pipeline(lang, self.rules, self.today)
                    self._pipelines[lang] = nlp
        return nlp

    def detect_lang(self, text: str) -> str:
        """The language the checker would check `text` as."""
        return self.detector.detect(text)

    def check(self, text: str, lang: str | None = None, channel: str | None = None, id: Any = None) -> Report:
        """Check one post. `lang` is detected when not given. Offsets in the report refer to `text`."""
        if not isinstance(text, str):
            raise InputError(f"text must be a string, not {type(text).__name__}")
        return next(self.check_many([{"id": id, "text": text, "lang": lang, "channel": channel}]))

    def check_many(self, posts: Iterable[Post], batch_size: int = 256) -> Iterator[Report]:
        """Check posts lazily, in order: each is a string or a mapping with "text" and
        optionally "id", "lang" and "channel". Raises InputError for a post without text."""
        iterator = iter(posts)
        while True:
            chunk = list(itertools.islice(iterator, batch_size))
            if not chunk:
                return
            yield from self._check_chunk(chunk)

    def _check_chunk(self, chunk: list[Post]) -> list[Report]:
        items = [self._normalise_post(p) for p in chunk]
        by_lang: dict[str, list[int]] = {}
        for i, item in enumerate(items):
            by_lang.setdefault(item["lang"], []).append(i)
        reports: list[Report | None] = [None] * len(items)
        for lang, indices in by_lang.items():
            nlp = self.pipeline(lang)
            for i, doc in zip(indices, nlp.pipe(self._docs(nlp, (items[i]["text"] for i in indices), lang))):
                item = items[i]
                violations = doc._.violations
                if item["detected"]:
                    violations = self._with_other_languages(item["text"], lang, violations)
                reports[i] = Report(text=item["text"], lang=lang, violations=violations,
                                    id=item["id"], channel=item["channel"], fail_on=self.fail_on)
        return reports  # type: ignore[return-value]

    def _with_other_languages(self, text: str, lang: str, violations: tuple[Violation, ...]) -> tuple[Violation, ...]:
        """Add what each sentence written in another language breaks under that language's rules."""
        extra: list[Violation] = []
        for start, end, other in self.detector.segments(text, lang):
            nlp = self.pipeline(other)
            doc = next(iter(nlp.pipe(self._docs(nlp, [text[start:end]], other))))
            extra.extend(shifted(v, start, text) for v in doc._.violations)
        if not extra:
            return violations
        # One finding per category and span, whichever language's rule found it first.
        merged = list(violations)
        seen = {(v.category, v.start, v.end) for v in violations}
        for v in extra:
            if (v.category, v.start, v.end) not in seen:
                seen.add((v.category, v.start, v.end))
                merged.append(v)
        return tuple(sorted(merged, key=lambda v: (v.start, v.end, v.rule)))

    @staticmethod
    def _docs(nlp: Language, texts: Iterable[str], lang: str):
        # The post's language rides on the Doc so a fallback pipeline cites in that language.
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.post_lang = lang
            yield doc

    def _normalise_post(self, post: Post) -> dict[str, Any]:
        if isinstance(post, str):
            post = {"text": post}
        text = post.get("text")
        if not isinstance(text, str):
            raise InputError("a post needs a \"text\" string")
        if len(text) > MAX_TEXT_LENGTH:
            raise InputError(f"text is {len(text):,} characters; a post may have at most {MAX_TEXT_LENGTH:,}")
        given = post.get("lang")
        if given is not None and not isinstance(given, str):
            raise InputError("\"lang\" must be a language code string")
        lang = given or self.detect_lang(text)
        return {"id": post.get("id"), "text": text, "lang": lang.lower(), "channel": post.get("channel"),
                "detected": not given}
