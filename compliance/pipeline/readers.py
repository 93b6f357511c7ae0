"""Registered functions that pipeline configs name for `[initialize]`: where rules come from."""
from __future__ import annotations

from typing import List

import spacy

from ..model import RuleSet


@spacy.registry.misc("compliance.read_packs.v1")
def create_pack_reader(paths: List[str], builtin: bool = True) -> RuleSet:
    """The rules of the packs at `paths`, after the built-in packs unless `builtin` is false."""
    from ..packs import load_rule_set

    return load_rule_set(paths, builtin=builtin)
