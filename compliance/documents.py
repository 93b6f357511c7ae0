"""Drafts as files: the prose of a text or Markdown file, with YAML front matter read.

Whatever is not prose (front matter, code, link targets, HTML comments) is blanked out
with spaces rather than removed, so offsets, lines and columns still point into the file.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex
import yaml

from .errors import InputError

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")

_FRONT_MATTER = regex.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", regex.S)
_FENCE = regex.compile(r"^([ \t]{0,3})(`{3,}|~{3,}).*?(?:^\1?\2[ \t]*$|\Z)", regex.S | regex.M)
_INLINE_CODE = regex.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", regex.S)
_LINK_TARGET = regex.compile(r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = regex.compile(r"<(?:https?|mailto):[^>\s]+>")
_HTML_COMMENT = regex.compile(r"<!--.*?-->", regex.S)
_REFERENCE = regex.compile(r"^[ ]{0,3}\[[^\]]+\]:\s+\S+.*$", regex.M)


@dataclass(frozen=True)
class Draft:
    """A draft ready to check: `text` has the file's length, non-prose blanked out."""
    text: str
    lang: str | None = None
    channel: str | None = None


def _blank(match: regex.Match) -> str:
    return regex.sub(r"[^\n]", " ", match.group())


def _front_matter(text: str, path: str) -> tuple[str, dict]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, {}
    try:
        meta = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 2}:{mark.column + 1}" if mark else path
        raise InputError(f"{where}: front matter is not valid YAML") from None
    if not isinstance(meta, dict):
        raise InputError(f"{path}:2:1: front matter must be a mapping")
    return _blank(m) + text[m.end():], meta


def read_draft(text: str, path: str = "<stdin>", markdown: bool | None = None) -> Draft:
    """The checkable form of a draft. Markdown is assumed for .md files, or when `markdown`."""
    text, meta = _front_matter(text, path)
    if markdown is None:
        markdown = path.lower().endswith(MARKDOWN_SUFFIXES)
    if markdown:
        for pattern in (_FENCE, _HTML_COMMENT, _INLINE_CODE, _AUTOLINK, _REFERENCE, _LINK_TARGET):
            text = pattern.sub(_blank, text)
    lang, channel = meta.get("lang"), meta.get("channel")
    return Draft(text=text, lang=str(lang) if lang else None, channel=str(channel) if channel else None)
