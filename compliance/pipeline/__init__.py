"""The spaCy side: the social-text tokenizer, the sentence splitter, the `compliance_matcher`
component, the pack reader for `[initialize]`, and one pipeline per post language."""
from .build import build_pipeline, load_config, pipeline_langs

__all__ = ["build_pipeline", "load_config", "pipeline_langs"]
