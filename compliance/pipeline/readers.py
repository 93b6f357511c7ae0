"""Registered functions that pipeline configs name for `[initialize]`: where rules come from."""
from __future__ import annotations

from typing import Any, Dict, List

import spacy


@spacy.registry.misc("compliance.read_packs.v1")
def create_pack_reader(paths: List[str], builtin: bool = True) -> Dict[str, Any]:
    """The rules of the packs at `paths`, after the built-in packs unless `builtin` is false,
    as plain data (spaCy validates initialize settings and would flatten a RuleSet value)."""
    from ..packs import load_rule_set

    return load_rule_set(paths, builtin=builtin).to_dict()
