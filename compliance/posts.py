"""A post as the checker takes it, from a string or a mapping; the one place that says what
a checkable post is, for the library and the batch interface alike."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .errors import InputError

MAX_TEXT_LENGTH = 1_000_000  # spaCy's own limit per Doc


@dataclass(frozen=True)
class Post:
    text: str
    id: Any = None
    lang: str | None = None
    channel: str | None = None

    @classmethod
    def coerce(cls, item: "str | Mapping[str, Any] | Post") -> "Post":
        """A Post from a string or a mapping with "text" and optionally "id", "lang" and
        "channel" (other keys are ignored). Raises InputError saying what is wrong."""
        if isinstance(item, Post):
            return item
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, Mapping):
            raise InputError(f"a post is a string or a JSON object, not {type(item).__name__}")
        if "text" not in item:
            raise InputError('no "text"')
        text = item["text"]
        if not isinstance(text, str):
            raise InputError('"text" is not a string')
        if len(text) > MAX_TEXT_LENGTH:
            raise InputError(f"text is {len(text):,} characters; a post may have at most {MAX_TEXT_LENGTH:,}")
        lang = item.get("lang")
        if lang is not None and not isinstance(lang, str):
            raise InputError('"lang" is not a string')
        channel = item.get("channel")
        return cls(text=text, id=item.get("id"), lang=lang.lower() if lang else None,
                   channel=None if channel is None else str(channel))
