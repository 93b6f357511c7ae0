"""The word graph that term matching walks: one edge per listed key a token spells, plus
edges for letters spelled out one by one (`s h i t`, `s-h-i-t`), for a word the tokenizer cut
at its symbols (`F***`, `f-ck`) and for the words inside hashtags (`#FuckMondays`). Edges carry
original character offsets, so matches need no remapping."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Sequence

import regex

from ..normalize.hashtags import segments
from ..normalize.lexicon import Lexicon
from ..normalize.fold import fold_word
from ..normalize.spellings import WILDCARDS

_SEPARATORS = frozenset("-._*·•/|")
_MIN_SPELLED = 3
_MAX_SPELLED = 24  # no listed word is longer; bounds the work on a long run of letters
_MAX_GLUED = 12    # tokens of one word cut at its symbols ('f', '*', '*', '*')
_MAX_CUT_PIECE = 3  # letters on each side of a hyphen in a cut word ('f-ck', 'sh-t')


class TokenView(NamedTuple):
    """What the lattice needs of a token, read once from the Doc."""
    text: str
    idx: int
    space_after: bool


@dataclass
class Lattice:
    """Nodes 0..len(doc) sit between tokens; extra nodes sit inside hashtags.
    `edges[node]` lists (key, to_node, start_char, end_char)."""
    edges: list[list[tuple[str, int, int, int]]] = field(default_factory=list)

    def node(self) -> int:
        self.edges.append([])
        return len(self.edges) - 1


_CHUNK = regex.compile(r"^\w(?:[-.]\w)*\.?$")


def _letters(word: str) -> str:
    """The letters a token spells when it is part of a spelled-out word: "s", "t." (the last
    letter of "s h i t."), "j-e" (the tokenizer keeps a hyphenated pair); else ""."""
    if word[:1].isalpha() and _CHUNK.match(word):
        letters = word.replace("-", "").replace(".", "")
        if letters.isalpha() and len(letters) * 2 - 1 <= len(word.rstrip(".")):
            return letters
    return ""


def _is_letter(word: str) -> bool:
    return bool(_letters(word))


def build_lattice(doc: Sequence[TokenView], lexicon: Lexicon, folded: list[str], deobfuscate: bool = True) -> Lattice:
    """The lattice of the tokens `doc`, which fold to `folded` (one string per token).
    Without `deobfuscate`, hashtags are not split and spelled-out letters are not joined."""
    lattice = Lattice([[] for _ in range(len(doc) + 1)])
    for i, token in enumerate(doc):
        start, end = token.idx, token.idx + len(token.text)
        word = folded[i]
        keys = lexicon.keys_for(word) if word else ()
        if word[:1] in "#@" and len(word) > 1:
            keys = keys + lexicon.keys_for(word[1:])
            if deobfuscate:
                _add_hashtag(lattice, lexicon, token.text, start, i)
        for key in dict.fromkeys(keys):
            lattice.edges[i].append((key, i + 1, start, end))
    if deobfuscate:
        _add_spelled_out(doc, lattice, lexicon, folded)
        _add_glued(doc, lattice, lexicon, folded)
    return lattice


def _add_hashtag(lattice: Lattice, lexicon: Lexicon, text: str, start: int, i: int) -> None:
    body = text[1:]
    spans = segments(body, lexicon.vocabulary, lexicon.keys_for)
    if len(spans) < 2:
        return
    node = i
    for n, (s, e) in enumerate(spans):
        target = i + 1 if n == len(spans) - 1 else lattice.node()
        for key in lexicon.keys_for(fold_word(body[s:e])):
            lattice.edges[node].append((key, target, start + 1 + s, start + 1 + e))
        node = target


def _is_symbols(word: str) -> bool:
    return bool(word) and all(ch in WILDCARDS for ch in word)


def _cut_word(parts: list[str]) -> bool:
    """Whether tokens read as one word cut at its symbols: stars among them ('F***'), or
    only short pieces of letters ('f-ck'). 'Fokker-vélin' is a compound of two words."""
    symbols = [p for p in parts if _is_symbols(p)]
    if not symbols:
        return False
    return any("*" in p for p in symbols) or all(len(p) <= _MAX_CUT_PIECE for p in parts if p.isalpha())


def _is_stars(word: str) -> bool:
    """Stars may end a cut word ('F***'); other symbols at its end are punctuation."""
    return bool(word) and set(word) == {"*"}


def _add_glued(doc: Sequence[TokenView], lattice: Lattice, lexicon: Lexicon, folded: list[str]) -> None:
    """Tokens with no space between them, some of them symbols only, read as one word: the
    tokenizer splits 'F***' into 'F' and three '*', 'f-ck' into 'f', '-', 'ck'."""
    i, n = 0, len(doc)
    while i < n:
        j = i
        while j + 1 < n and not doc[j].space_after and (_is_symbols(folded[j + 1]) or folded[j + 1].isalpha()):
            j += 1
        if j > i:
            _add_glued_edges(doc, lattice, lexicon, folded, i, min(j, i + _MAX_GLUED - 1))
        i = j + 1


def _spelled_on(folded: list[str], symbol: int, letter: int, first: int, last: int) -> bool:
    """Whether a separator and a single letter beyond it continue a word spelled out letter
    by letter ('H-A-F-A-L-D-A'): no piece of such a word is a word cut at its symbols."""
    return first <= min(symbol, letter) and max(symbol, letter) <= last and _is_symbols(folded[symbol]) \
        and len(folded[letter]) == 1 and folded[letter].isalpha()


def _add_glued_edges(doc: Sequence[TokenView], lattice: Lattice, lexicon: Lexicon, folded: list[str],
                     first: int, last: int) -> None:
    for a in range(first, last):
        if not (folded[a].isalpha() or _is_stars(folded[a])) or _spelled_on(folded, a - 1, a - 2, first, last):
            continue
        for b in range(a + 1, last + 1):
            parts = folded[a:b + 1]
            if not (folded[b].isalpha() or _is_stars(folded[b])) or not _cut_word(parts) \
                    or _spelled_on(folded, b + 1, b + 2, first, last):
                continue
            start, end = doc[a].idx, doc[b].idx + len(doc[b].text)
            for key in lexicon.keys_for("".join(parts)):
                lattice.edges[a].append((key, b + 1, start, end))


def _add_spelled_out(doc: Sequence[TokenView], lattice: Lattice, lexicon: Lexicon, folded: list[str]) -> None:
    """Runs of single letters, with spaces or one separator between them, read as one word."""
    i, n = 0, len(doc)
    while i < n:
        if not _is_letter(folded[i]):
            i += 1
            continue
        letters = [i]
        j = i + 1
        while j < n:
            if _is_letter(folded[j]):
                letters.append(j)
                j += 1
            elif folded[j] in _SEPARATORS and not doc[j - 1].space_after and j + 1 < n and _is_letter(folded[j + 1]):
                j += 1
            else:
                break
        if len(letters) >= _MIN_SPELLED:
            _add_spelled_edges(doc, lattice, lexicon, folded, letters)
        i = j


def _add_spelled_edges(doc: Sequence[TokenView], lattice: Lattice, lexicon: Lexicon, folded: list[str],
                       letters: list[int]) -> None:
    for a in range(len(letters)):
        for b in range(min(len(letters), a + _MAX_SPELLED) - 1, a + _MIN_SPELLED - 2, -1):
            word = "".join(_letters(folded[k]) for k in letters[a:b + 1])
            first, last = doc[letters[a]], doc[letters[b]]
            end = last.idx + len(last.text.rstrip("."))
            for key in lexicon.keys_for(word):
                lattice.edges[letters[a]].append((key, letters[b] + 1, first.idx, end))
