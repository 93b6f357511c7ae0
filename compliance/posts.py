"""A post as the checker takes it, from a string or a mapping; the one place that says what
a checkable post is (text, language code, size), for the library and the batch interface."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import regex

from .errors import InputError
from .findings.waivers import Waiver, post_waivers
from .metadata import Metadata, metadata_from

MAX_TEXT_LENGTH = 1_000_000
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def encodable(text: str) -> str:
    """`text` with each lone surrogate (valid in JSON, not encodable) as U+FFFD: the same
    length, so offsets hold, and safe for libraries that encode to UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


# A BCP 47 tag: a 2-3 letter ISO 639 language, then optional subtags (script, region, ...).
_LANGUAGE_TAG = regex.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def language_code(tag: str, known: tuple[str, ...] = ()) -> str:
    """The ISO 639 language of a BCP 47 tag (`en-GB` is `en`, `sl_SI` is `sl`), lower case.
    InputError naming `known` languages when `tag` is not a language tag at all."""
    m = _LANGUAGE_TAG.match(tag.strip()) if isinstance(tag, str) else None
    if not m:
        checked = f" (we check {', '.join(known)}; others get the language-neutral rules)" if known else ""
        raise InputError(f"{tag!r} is not a language code such as 'en' or 'en-GB'{checked}")
    return m.group(1).lower()


@dataclass(frozen=True)
class Post:
    """One post to check; `metadata` is what its publishing tool says of it, `waivers` the
    findings its author accepts, with reasons."""
    text: str
    id: Any = None
    lang: str | None = None
    metadata: Metadata = Metadata()
    waivers: tuple[Waiver, ...] = ()

    @property
    def channel(self) -> str | None:
        return self.metadata.channel

    @classmethod
    def coerce(cls, item: "str | Mapping[str, Any] | Post", max_chars: int = MAX_TEXT_LENGTH,
               known_langs: tuple[str, ...] = ()) -> "Post":
        """A Post from a string or a mapping with "text" and optionally "id", "lang",
        "waivers" and the metadata keys (`metadata.KEYS`: "channel", "sponsored", "audience",
        ...); other keys are ignored. Raises InputError saying what is wrong."""
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
        if len(text) > max_chars:
            raise InputError(f"text is {len(text):,} characters; a post may have at most {max_chars:,}")
        lang = item.get("lang")
        if lang is not None and not isinstance(lang, str):
            raise InputError('"lang" is not a string')
        return cls(text=text, id=item.get("id"), lang=language_code(lang, known_langs) if lang else None,
                   metadata=metadata_from(item), waivers=post_waivers(item.get("waivers"), len(text)))
