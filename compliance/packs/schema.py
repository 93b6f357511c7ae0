"""The JSON Schema of a pack file: the shipped `compliance/schema/pack.schema.json`, with the
keys of every registered matcher kind filled in from the registry, so a kind added by a
plug-in is valid in packs without editing the file."""
from __future__ import annotations

import copy
import importlib.resources
import json
from functools import lru_cache
from typing import Any

from ..matchers import MATCHERS

SCHEMA_FILE = "schema/pack.schema.json"


@lru_cache(maxsize=1)
def shipped_schema() -> dict[str, Any]:
    """The schema file as shipped (kept equal to `pack_schema()` of the built-in kinds by a test)."""
    return json.loads(importlib.resources.files("compliance").joinpath(SCHEMA_FILE).read_text("utf-8"))


def pack_schema() -> dict[str, Any]:
    """The schema every pack file must satisfy, for the matcher kinds registered now."""
    return _schema_for(tuple(MATCHERS.items()))


@lru_cache(maxsize=8)
def _schema_for(kinds: tuple) -> dict[str, Any]:
    schema = copy.deepcopy(shipped_schema())
    rule = schema["$defs"]["rule"]
    for _kind, matcher in kinds:
        rule["properties"].update(copy.deepcopy(dict(matcher.schema)))
    rule["oneOf"] = [{"required": [kind]} for kind, _ in kinds]
    return schema
