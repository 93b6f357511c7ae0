"""Pipelines: one blank spaCy language per post language, made from `models/base.cfg` with
that language's facts from the registry as config overrides, holding the rules that apply."""
from __future__ import annotations

import importlib.resources
from typing import Any, Mapping

import spacy
from spacy.language import Language

from ..languages import FALLBACK, LANGUAGES, pipeline_langs
from ..model import RuleSet
from . import component as _component  # noqa: F401  (registers the compliance_matcher factory)
from . import readers as _readers  # noqa: F401  (registers the pack reader)
from . import sentences as _sentences  # noqa: F401  (registers the sentence splitter)
from . import tokenizer as _tokenizer  # noqa: F401  (registers the social tokenizer)

COMPONENT = "compliance_matcher"


def language_overrides(lang: str) -> dict[str, Any]:
    """The config overrides that make the base pipeline one for posts in `lang`."""
    info = LANGUAGES.get(lang)
    prefix = f"components.{COMPONENT}"
    if info is None:
        return {"nlp.lang": FALLBACK, f"{prefix}.lang": lang}
    return {"nlp.lang": lang, f"{prefix}.lemmatizer": info.lemmatizer,
            f"{prefix}.affixes": list(info.affixes), f"{prefix}.max_affixes": info.max_affixes}


def load_config(lang: str, overrides: Mapping[str, Any] | None = None) -> spacy.util.Config:
    """The pipeline config for posts in `lang`, with spaCy-style dotted `overrides` on top
    (e.g. {"components.compliance_matcher.deobfuscate": False})."""
    text = importlib.resources.files("compliance.models").joinpath("base.cfg").read_text("utf-8")
    return spacy.util.Config().from_str(text, overrides={**language_overrides(lang), **(overrides or {})})


def build_pipeline(lang: str, rule_set: RuleSet | None = None,
                   overrides: Mapping[str, Any] | None = None) -> Language:
    """A pipeline for posts in `lang` (spaCy's multi-language class for a language without a
    registry entry) holding the rules of `rule_set` that apply to that language."""
    config = load_config(lang, overrides)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    # Post length is bounded by the caller (Post.coerce); spaCy's own guard is for parsers.
    nlp.max_length = 10 ** 9
    if rule_set is not None:
        nlp.get_pipe(COMPONENT).add_rules(rule_set)
    return nlp
