"""The `position` kind: cues that are present but not where readers see them. An advertising
label after the platform's fold ("... more") or only inside the block of hashtags that ends
a caption is there for the record, not for the reader. The rule fires on the first such cue
when none stands within the first `within` characters (a number, or one per channel with a
`default`) outside that trailing block; a post without the cue is the business of a
`requires_any` rule."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import regex

from ..errors import Where
from .base import Candidate, MatchContext, Setup
from .cues import SCHEMA as CUES_SCHEMA, CueFinder, Cues

DEFAULT_KEY = "default"
# The block a caption ends with: tags, mentions, emoji and separators, nothing else.
_TRAILING_TAGS = regex.compile(r"(?:[#@][\w\p{M}\u200d]+|[\s\p{P}\p{S}\p{Emoji_Presentation}\u200d\ufe0f])*\Z")


@dataclass(frozen=True)
class PositionSpec:
    cues: Cues
    within: tuple[tuple[str, int], ...]   # (channel or DEFAULT_KEY, characters)
    kind: str = "position"

    def limit(self, channel: str | None) -> int:
        table = dict(self.within)
        return table.get(channel or "", table[DEFAULT_KEY])

    def to_dict(self) -> dict[str, Any]:
        return {"position": {**self.cues.to_data(), "within": dict(self.within)}}


def trailing_block_start(text: str) -> int:
    """Where the trailing block of tags and mentions of `text` begins (len(text) if none);
    a post that is nothing but tags has no prose for a block to trail."""
    start = _TRAILING_TAGS.search(text).start()
    return start if text[:start].strip() else len(text)


class PositionSearcher:
    def __init__(self, setup: Setup) -> None:
        self.cues = CueFinder(setup)
        self._rules: dict[int, Any] = {}

    def add(self, index: int, rule) -> None:
        self._rules[index] = rule
        self.cues.add((index, None), rule.matcher.cues, rule)

    def find(self, context: MatchContext) -> Iterable[Candidate]:
        if not self._rules:
            return []
        terms = self.cues.term_hits(context)
        block = trailing_block_start(context.text)
        offset = len(context.text) - len(context.text.lstrip())
        found = []
        for index, rule in self._rules.items():
            if not rule.applies_when(context.metadata):
                continue
            spans = self.cues.hits((index, None), terms, context, need_regex=True)
            if not spans:
                continue
            limit = offset + rule.matcher.limit(context.metadata.channel)
            if not any(s < limit and s < block for s, _ in spans):
                found.append(Candidate(index, *spans[0]))
        return found


class PositionMatcher:
    kind = "position"
    whole_post = True  # where a cue stands is measured from the start of the whole post
    schema: Mapping[str, Mapping[str, Any]] = {
        "position": {
            "type": "object", "additionalProperties": False, "required": ["within"],
            "description": "Cues that must stand within the first `within` characters, outside the trailing "
                           "block of hashtags.",
            "properties": {
                "terms": CUES_SCHEMA["oneOf"][1]["properties"]["terms"],
                "regex": CUES_SCHEMA["oneOf"][1]["properties"]["regex"],
                "within": {"oneOf": [
                    {"type": "integer", "minimum": 1},
                    {"type": "object", "required": [DEFAULT_KEY],
                     "additionalProperties": {"type": "integer", "minimum": 1},
                     "description": "Characters per channel, and a default for the others."}]},
            },
        },
    }

    def compile(self, data: Mapping[str, Any], where: Where) -> PositionSpec:
        value = data["position"]
        if "terms" not in value and "regex" not in value:
            raise where.error("position needs the `terms` or the `regex` whose place it checks", "position")
        within = value["within"]
        table = {DEFAULT_KEY: within} if isinstance(within, int) else dict(within)
        cues = Cues.from_data({k: v for k, v in value.items() if k in ("terms", "regex")}, where, "position")
        return PositionSpec(cues, tuple(sorted(table.items())))

    def searcher(self, setup: Setup) -> PositionSearcher:
        return PositionSearcher(setup)
