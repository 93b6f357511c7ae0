"""The `classifier` kind: a context model (see `compliance.textmodel`) scores the post, and a
rule fires when its label scores at least its threshold. The span reported is the sentence
that scores highest, so the finding still points at words in the post.

`model` is a folder path, relative to the pack file that names it, so an organisation's pack
can carry its own model. The folder and the label are checked when the pack loads; the model
itself loads on the first post that reaches a classifier rule.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import Where
from ..textmodel import ModelError, labels_of, load, word_count
from .base import Candidate, MatchContext, Setup


@dataclass(frozen=True)
class ClassifierSpec:
    model: str          # absolute folder path
    label: str
    threshold: float
    min_words: int = 6
    kind: str = "classifier"

    def to_dict(self) -> dict[str, Any]:
        return {"classifier": {"model": self.model, "label": self.label, "threshold": self.threshold,
                               "min_words": self.min_words}}


class ClassifierSearcher:
    def __init__(self, setup: Setup) -> None:
        self._rules: dict[str, list[tuple[int, ClassifierSpec]]] = defaultdict(list)

    def add(self, index: int, rule) -> None:
        self._rules[rule.matcher.model].append((index, rule.matcher))

    def find(self, context: MatchContext) -> Iterable[Candidate]:
        found: list[Candidate] = []
        text = context.text
        # A few words are no context: a bag-of-words score for "the team." is the model's
        # prior plus noise, and short posts are what the word lists judge best.
        words = word_count(text)
        rules_here = [(folder, [(i, spec) for i, spec in rules if words >= spec.min_words])
                      for folder, rules in self._rules.items()]
        for folder, rules in rules_here:
            if not rules:
                continue
            model = load(folder)
            [scores] = model.score([text])
            hits = [(i, spec) for i, spec in rules if scores[spec.label] >= spec.threshold]
            if not hits:
                continue
            sentences = _sentences(context)
            by_sentence = model.score([text[s:e] for s, e in sentences]) if len(sentences) > 1 else [scores]
            for index, spec in hits:
                best = max(range(len(sentences)), key=lambda k: by_sentence[k][spec.label])
                found.append(Candidate(index, *sentences[best]))
        return found


def _sentences(context: MatchContext) -> list[tuple[int, int]]:
    """The post's sentences without their outer spaces (the whole text when it has none)."""
    spans = []
    for sent in context.doc.sents:
        chunk = context.text[sent.start_char:sent.end_char]
        start = sent.start_char + len(chunk) - len(chunk.lstrip())
        end = sent.start_char + len(chunk.rstrip())
        if end > start:
            spans.append((start, end))
    return spans or [(0, len(context.text))]


class ClassifierMatcher:
    kind = "classifier"
    schema: Mapping[str, Mapping[str, Any]] = {
        "classifier": {
            "type": "object", "additionalProperties": False, "required": ["model", "label"],
            "description": "A context model's label scoring at least `threshold` on the post.",
            "properties": {
                "model": {"type": "string", "minLength": 1,
                          "description": "The model folder, relative to this pack file."},
                "label": {"type": "string", "minLength": 1},
                "threshold": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.5},
                "min_words": {"type": "integer", "minimum": 1, "default": 6,
                              "description": "Posts with fewer words than this are not scored."},
            },
        },
    }

    def compile(self, data: Mapping[str, Any], where: Where) -> ClassifierSpec:
        spec = data["classifier"]
        folder = Path(spec["model"])
        if not folder.is_absolute() and where.path and not where.path.startswith("<"):
            folder = Path(where.path).parent / folder
        try:
            labels = labels_of(folder)
        except ModelError as exc:
            raise where.error(str(exc), "classifier", "model") from None
        if spec["label"] not in labels:
            raise where.error(f"model {spec['model']!r} has no label {spec['label']!r} "
                              f"(it has: {', '.join(labels)})", "classifier", "label")
        return ClassifierSpec(str(folder.resolve()), spec["label"], float(spec.get("threshold", 0.5)),
                              int(spec.get("min_words", 6)))

    def searcher(self, setup: Setup) -> ClassifierSearcher:
        return ClassifierSearcher(setup)
