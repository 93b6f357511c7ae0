"""Drafts as files: the prose of a text or Markdown file, with YAML front matter read.

Whatever is not prose (front matter, code, link targets, HTML comments) is blanked out
with spaces rather than removed, so offsets, lines and columns still point into the file.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex
import yaml

from .errors import InputError
from .findings.waivers import Waiver, comment_waiver, front_matter_waivers
from .languages import LANGUAGES
from .metadata import KEYS, Metadata, metadata_from
from .posts import language_code

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
    """A draft ready to check: `text` has the file's length, non-prose blanked out;
    `metadata` and `waivers` are those its front matter and (in Markdown) its comments write."""
    text: str
    lang: str | None = None
    metadata: Metadata = Metadata()
    waivers: tuple[Waiver, ...] = ()

    @property
    def channel(self) -> str | None:
        return self.metadata.channel


def decode_draft(data: bytes, path: str) -> tuple[str, str | None]:
    """The text of a draft file and a warning, if any. A file with NUL bytes is not a draft
    (InputError); bytes that are not UTF-8 are read as U+FFFD, with a warning naming where."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: not a text file (it holds NUL bytes); nothing was checked")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return (data.decode("utf-8", errors="replace"),
                f"{path}:{line}:{column}: not valid UTF-8; bytes that are not were read as U+FFFD")


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


def front_matter(text: str, path: str = "<stdin>") -> dict:
    """The YAML front matter of draft `text` as a mapping ({} when it has none); InputError
    naming file and line when it is not a YAML mapping."""
    return _front_matter(text, path)[1]


def read_draft(text: str, path: str = "<stdin>", markdown: bool | None = None) -> Draft:
    """The checkable form of a draft. Markdown is assumed for .md files, or when `markdown`.
    InputError (naming file and line) for front matter that is not YAML or names no language."""
    original = text
    text, meta = _front_matter(text, path)
    if markdown is None:
        markdown = path.lower().endswith(MARKDOWN_SUFFIXES)
    if markdown:
        for pattern in (_FENCE, _HTML_COMMENT, _INLINE_CODE, _AUTOLINK, _REFERENCE, _LINK_TARGET):
            text = pattern.sub(_blank, text)
    lang = meta.get("lang")
    if lang is not None:
        try:
            lang = language_code(str(lang), tuple(LANGUAGES))
        except InputError as exc:
            raise InputError(f"{path}:{_key_line(original, 'lang')}:1: front matter lang: {exc}") from None
    try:
        metadata = metadata_from(meta)
    except InputError as exc:
        key = next((k for k in KEYS if f'"{k}"' in str(exc)), "")
        raise InputError(f"{path}:{_key_line(original, key)}:1: front matter: {exc}") from None
    waivers = front_matter_waivers(meta, original, path)
    if markdown:
        waivers += tuple(w for start, end in _comments(original)
                         if (w := comment_waiver(original, start, end, path)) is not None)
    return Draft(text=text, lang=lang or None, metadata=metadata, waivers=waivers)


def _key_line(text: str, key: str) -> int:
    """The line of the front matter of `text` that sets `key` (2, the first, if none does)."""
    return next((i for i, line in enumerate(text.split("\n"), 1) if line.lstrip().startswith(f"{key}:")), 2)


def _comments(text: str) -> list[tuple[int, int]]:
    """Where the HTML comments of Markdown `text` are, leaving out any inside front matter
    or code (an example there is no waiver)."""
    m = _FRONT_MATTER.match(text)
    if m:
        text = _blank(m) + text[m.end():]
    for pattern in (_FENCE, _INLINE_CODE):
        text = pattern.sub(_blank, text)
    return [c.span() for c in _HTML_COMMENT.finditer(text)]


_BREAKS = (regex.compile(r"\n[ \t]*\n"), regex.compile(r"\n"), regex.compile(r"[.!?]\s"), regex.compile(r"\s"))


def chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """`text` cut into (offset, piece) of at most `limit` characters, each cut at the last
    paragraph break before the limit, else the last line break, sentence end or space."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = limit
        for pattern in _BREAKS:
            found = [m.end() for m in pattern.finditer(window, limit // 2)]
            if found:
                cut = found[-1]
                break
        out.append((start, window[:cut]))
        start += cut
    out.append((start, text[start:]))
    return out
