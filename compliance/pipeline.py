"""Pipelines: one blank spaCy language per post language, built from `models/<lang>.cfg`
with the project's tokenizer and components, and loaded with the rules that apply to it."""
from __future__ import annotations

import datetime as dt
import importlib.resources
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

from . import component as _component  # noqa: F401  (registers the compliance_matcher factory)
from . import tokenizer as _tokenizer  # noqa: F401  (registers the social tokenizer)
from .model import Rule

FALLBACK_LANG = "xx"


@lru_cache(maxsize=1)
def pipeline_langs() -> tuple[str, ...]:
    """Languages that have a pipeline config, the fallback 'xx' excluded."""
    names = [p.name for p in importlib.resources.files("compliance.models").iterdir()]
    return tuple(sorted(n[:-4] for n in names if n.endswith(".cfg") and n != f"{FALLBACK_LANG}.cfg"))


def load_config(lang: str, overrides: dict[str, Any] | None = None) -> spacy.util.Config:
    """The pipeline config of `lang`, with spaCy-style dotted `overrides` applied
    (e.g. {"components.compliance_matcher.deobfuscate": False})."""
    text = importlib.resources.files("compliance.models").joinpath(f"{lang}.cfg").read_text("utf-8")
    return spacy.util.Config().from_str(text, overrides=overrides or {})


def build_pipeline(lang: str, rules: tuple[Rule, ...], today: dt.date | None = None,
                   overrides: dict[str, Any] | None = None) -> Language:
    """A pipeline for `lang` (or the fallback for a language without a config) holding the
    rules that apply to that language."""
    cfg_lang = lang if lang in pipeline_langs() else FALLBACK_LANG
    config = load_config(cfg_lang, overrides)
    nlp = spacy.util.get_lang_class(cfg_lang).from_config(config)
    matcher = nlp.get_pipe("compliance_matcher")
    matcher.add_rules([r for r in rules if r.applies_to(lang)], today)
    return nlp
