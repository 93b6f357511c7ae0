"""The folded text as a reader takes it in, for patterns over running text (regexes): the
words of a hashtag apart (`#BestTrainersEver` reads `#Best Trainers Ever`), a word spelled
out letter by letter together (`s t a b b e d`, `f.i.n.d` read `stabbed`, `find`) and a
word disguised with digits or symbols as the word it spells (`k!ll`, `P@ssw0rd` read `kill`,
`password`), by the same readings the word lists use, kept only when they spell a word of
the language or a listed one.
Word lists see both already (hashtag segments, the lattice); a regex sees only characters.
Every character still maps back to the original text, through the folded text's own map.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from .fold import Folded
from .hashtags import segments

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import Lexicon

_HASHTAG = regex.compile(r"(?<![\w#])#(\w{4,})")
# Four letters or more, each alone, one separator between each two ('I T A' and 'U.S.' stay).
_SPELLED = regex.compile(r"(?<![\w.\-_*·])\p{L}(?:[ .\-_*·]\p{L}){3,}(?![\w])")
# A word with digits or symbols among its letters, or a symbol before them ('$hit'); not a
# link, an address, a handle or a path, which go on with a dot, slash or colon and a word.
_MARK = r"[\d@$!*|€£+#%?_]"
_DISGUISED = regex.compile(rf"(?<![\w@$!*|€£+#%?_./:\-])(?:{_MARK}?\p{{L}}+|\p{{L}}*)(?:{_MARK}+\p{{L}}+)+{_MARK}*"
                           rf"(?![\w@$!*|€£+#%?_]|[./:\-@]\w)")


@dataclass(frozen=True)
class Readable:
    """`text`, where character i stands for folded characters [starts[i], ends[i])."""
    text: str
    folded: Folded
    starts: tuple[int, ...] | None
    ends: tuple[int, ...] | None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering readable characters [start, end)."""
        if self.starts is None or self.ends is None:
            return self.folded.to_original(start, end)
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.folded.text)
            return self.folded.to_original(pos, pos)
        return self.folded.to_original(self.starts[start], self.ends[end - 1])


def readable(folded: Folded, lexicon: "Lexicon") -> Readable:
    """`folded` with hashtags split into their words (the lexicon's language's common words
    and listed keys, as the word lists split them) and spelled-out words joined."""
    text = folded.text
    edits: list[tuple[int, int, list[tuple[str, int, int]]]] = []  # (start, end, [(char, from, to)])
    for m in _HASHTAG.finditer(text):
        body_start = m.start(1)
        pieces = segments(m.group(1), lexicon.vocabulary, lexicon.keys_for)
        if len(pieces) < 2:
            continue
        chars: list[tuple[str, int, int]] = []
        for k, (s, e) in enumerate(pieces):
            if k:
                # The space stands for nothing: it sits where the two words meet.
                at = body_start + s
                chars.append((" ", at, at))
            chars.extend((text[i], i, i + 1) for i in range(body_start + s, body_start + e))
        edits.append((body_start, m.end(), chars))
    for m in _SPELLED.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, _ in edits):
            continue
        edits.append((m.start(), m.end(), [(text[i], i, i + 1) for i in range(m.start(), m.end())
                                           if text[i].isalpha()]))
    for m in _DISGUISED.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, _ in edits):
            continue
        word = m.group()
        reading = lexicon.reading(word.lower())
        if reading is None:
            continue
        if word.isupper():
            reading = reading.upper()
        elif word[:1].isupper() or word[1:2].isupper() and not word[:1].isalpha():
            reading = reading.capitalize()
        if len(reading) == len(word):
            chars = [(ch, m.start() + i, m.start() + i + 1) for i, ch in enumerate(reading)]
        else:  # each letter stands for the whole disguised word
            chars = [(ch, m.start(), m.end()) for ch in reading]
        edits.append((m.start(), m.end(), chars))
    if not edits:
        return Readable(text, folded, None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    for start, end, chars in sorted(edits):
        for i in range(at, start):
            out.append(text[i])
            starts.append(i)
            ends.append(i + 1)
        for ch, s, e in chars:
            out.append(ch)
            starts.append(s)
            ends.append(e)
        at = end
    for i in range(at, len(text)):
        out.append(text[i])
        starts.append(i)
        ends.append(i + 1)
    return Readable("".join(out), folded, tuple(starts), tuple(ends))
