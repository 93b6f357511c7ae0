"""Context models: small text classifiers that read a whole post or sentence and score how
much it reads like each category, for the `classifier` matcher kind.

A model is a spaCy pipeline folder (`spacy.load` reads it): the plain word tokenizer below
and a `textcat_multilabel` component over bag-of-words unigrams and bigrams of the lowercased
text. Such a model is a few megabytes, loads in tens of milliseconds and scores a post in well
under a millisecond, and it learns from labelled drafts what no word list spells out: the
shape of a rumour, a boast, a leak or a jibe. `train` builds one from labelled JSONL lines (the
format of the evaluation corpora), so an organisation can train its own beside its packs.
"""
from __future__ import annotations

import json
import random
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from .errors import ComplianceError, InputError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .model import Rule

COMPONENT = "textcat_multilabel"
TOKENIZER = "compliance.plain_words.v1"
# Words, and the punctuation that carries tone. Other symbols are left out: an asterisk or an
# at sign inside a word is a disguise, which the word lists' evasion layer reads far better.
_WORD = re.compile(r"\w+|[.,!?;:'\"“”«»„‘’()]")
# Links, e-mail addresses and code are the business of the precise rules (which validate
# them); left in, they teach the model that any pasted config line is a leak.
_NOT_PROSE = re.compile(r"://|www\.|[=${}<>\[\]\\/|`]|\w@\w+\.\w")
# A number's size says little and each one would be a feature of its own: "87%" reads "0%".
_DIGITS = re.compile(r"\d+")


def words_of(text: str) -> list[str]:
    """What the model reads of a text: its lowercased words and punctuation, every run of
    digits as 0, without links, e-mail addresses, code or other symbols."""
    # Chunk by chunk, not with a pattern around the markers: that would be quadratic in the
    # length of a chunk, and posts can hold a 100,000-letter token.
    prose = " ".join(chunk for chunk in text.lower().split() if not _NOT_PROSE.search(chunk))
    return _WORD.findall(_DIGITS.sub("0", prose))


def word_count(text: str) -> int:
    """How many words of `text` the model reads (punctuation and left-out parts not counted)."""
    return sum(w[0].isalnum() or w[0] == "_" for w in words_of(text))


class _PlainWords:
    """`words_of` as a Doc: all a bag-of-words model needs, built in microseconds where
    spaCy's multilingual tokenizer compiles its rules for a tenth of a second on every load."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        # The model's n-gram layer cannot take an empty Doc (a text of links alone would be
        # one), and a token cannot be empty: a lone space stands for "no words".
        words = words_of(text) or [" "]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def to_disk(self, path, **kwargs) -> None:  # nothing to save: the tokenizer has no state
        pass

    def from_disk(self, path, **kwargs) -> "_PlainWords":
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "_PlainWords":
        return self


def _register_tokenizer() -> None:
    from spacy.util import registry

    if TOKENIZER not in registry.tokenizers:
        registry.tokenizers.register(TOKENIZER, func=lambda: lambda nlp: _PlainWords(nlp.vocab))


class ModelError(ComplianceError):
    """A context model folder cannot be read."""


@dataclass(frozen=True)
class Draft:
    """One labelled training text: the categories it violates (none for a clean draft).
    `known` is the categories its label speaks for (None: all of them); a rule's example
    says only whether the text breaks that rule's category, and says nothing of the rest."""
    text: str
    categories: frozenset[str]
    known: frozenset[str] | None = None

    def truth(self, labels: Sequence[str]) -> dict[str, float]:
        """The labels this draft teaches, 1.0 for a violated category and 0.0 for a clean one."""
        return {label: float(label in self.categories) for label in labels
                if self.known is None or label in self.known}


def labels_of(path: str | Path) -> tuple[str, ...]:
    """The labels of the model in folder `path`, read from its component's settings without
    loading the model; ModelError when the folder holds no context model."""
    cfg = Path(path) / COMPONENT / "cfg"
    try:
        return tuple(json.loads(cfg.read_text("utf-8"))["labels"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{path}: not a context model folder ({exc.__class__.__name__}: {exc})") from None


class ContextModel:
    """A loaded model. `score` is safe to call from many threads: prediction reads the
    weights only, and each call keeps the strings it adds inside a memory zone."""

    def __init__(self, nlp: "Language") -> None:
        self.nlp = nlp
        self.labels: tuple[str, ...] = tuple(nlp.get_pipe(COMPONENT).labels)

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text, each label's score between 0 and 1."""
        with self.nlp.memory_zone():
            return [dict(doc.cats) for doc in self.nlp.pipe(texts)]


_loaded: dict[str, ContextModel] = {}
_loading = threading.Lock()


def load(path: str | Path) -> ContextModel:
    """The model in folder `path`, loaded once per process."""
    key = str(Path(path).resolve())
    with _loading:
        model = _loaded.get(key)
        if model is None:
            import spacy

            _register_tokenizer()
            try:
                # Not the vocabulary's strings (tens of thousands, half of the load): a
                # bag-of-words model scores the hashes of words, and vectors, if a model has
                # them, are keyed by hash too.
                model = ContextModel(spacy.load(key, exclude=["strings"]))
            except (OSError, ValueError, KeyError) as exc:
                raise ModelError(f"{path}: cannot load context model: {exc}") from None
            _loaded[key] = model
        return model


def read_drafts(paths: Iterable[str | Path]) -> list[Draft]:
    """Labelled drafts from JSONL files whose lines carry `text` and `expect` (a list of
    categories); InputError naming the file and line of the first bad one."""
    drafts = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    text, expect = data["text"], data["expect"]
                    if not isinstance(text, str) or not isinstance(expect, list):
                        raise TypeError("'text' must be a string and 'expect' a list")
                except (ValueError, KeyError, TypeError) as exc:
                    raise InputError(f"{path}:{number}:1: not a labelled draft ({exc})") from None
                drafts.append(Draft(text, frozenset(expect)))
    return drafts


def drafts_of_examples(rules: Iterable["Rule"]) -> list[Draft]:
    """The rules' examples as drafts that speak for their rule's category only: a `match`
    example violates it, an `ok` example (most are written as near misses) does not. Rules
    that are themselves context-model readings are left out, or the model would learn
    from its own verdicts."""
    drafts = []
    for rule in rules:
        if rule.matcher.kind == "classifier":
            continue
        known = frozenset({rule.category})
        drafts += [Draft(example.text, known, known) for example in rule.examples_match]
        drafts += [Draft(example.text, frozenset(), known) for example in rule.examples_ok]
    return drafts


def train(drafts: Sequence[Draft], labels: Sequence[str], out: str | Path, *, epochs: int = 12,
          seed: int = 0, length: int = 1 << 17, dropout: float = 0.2) -> ContextModel:
    """Train a model on `drafts` for `labels` and save it to folder `out`. The same drafts,
    labels and settings give the same model (the seed fixes shuffling and initial weights)."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed

    if not drafts:
        raise InputError("no labelled drafts to train on")
    fix_random_seed(seed)
    _register_tokenizer()
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    textcat = nlp.add_pipe(COMPONENT, config={"threshold": 0.5, "model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
        "no_output_layer": False, "length": length}})
    for label in labels:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(d.text), {"cats": d.truth(labels)}) for d in drafts]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(examples)
        for i in range(0, len(examples), 16):
            nlp.update(examples[i:i + 16], sgd=optimizer, drop=dropout)
    nlp.to_disk(out)
    return ContextModel(nlp)


def cross_validate(drafts: Sequence[Draft], labels: Sequence[str], folds: int, thresholds: Sequence[float],
                   work: str | Path, **settings) -> dict[float, Mapping[str, float]]:
    """Precision and recall of `folds`-fold cross-validation at each threshold: each fold
    scored by a model trained on the others (saved under `work`)."""
    # Partly labelled drafts (rule examples) always train and are never scored: a score
    # against a label that speaks for one category would count the others as misses.
    shuffled = [d for d in drafts if d.known is None]
    partial = [d for d in drafts if d.known is not None]
    random.Random(settings.get("seed", 0)).shuffle(shuffled)
    counts = {t: [0, 0, 0] for t in thresholds}   # true positives, false positives, misses
    for k in range(folds):
        held = shuffled[k::folds]
        rest = [d for i, d in enumerate(shuffled) if i % folds != k] + partial
        model = train(rest, labels, Path(work) / f"fold{k}", **settings)
        for draft, scores in zip(held, model.score([d.text for d in held])):
            for t in thresholds:
                found = {label for label in labels if scores[label] >= t}
                counts[t][0] += len(found & draft.categories)
                counts[t][1] += len(found - draft.categories)
                counts[t][2] += len(draft.categories - found)
    return {t: {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}
            for t, (tp, fp, fn) in counts.items()}
