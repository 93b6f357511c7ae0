"""The `terms` kind: words and phrases, matched as whole words through inflection, stems and
disguises. Terms compile into a trie over lexicon keys that walks the Doc's lattice."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterable, Iterator, Mapping

from ..errors import Where
from ..normalize.fold import fold_word
from ..normalize.lexicon import STEM, Lexicon
from ..normalize.spellings import censored
from .base import Candidate, MatchContext, Setup
from .lattice import Lattice

_END = object()


class TermIndex:
    """Maps word sequences to targets (any hashable: a rule, a condition). Each term word is
    a folded word or a stem (`sranj*`); the lexicon learns every key added here."""

    def __init__(self, lexicon: Lexicon, split: Callable[[str], list[str]]) -> None:
        self.lexicon = lexicon
        self._split = split
        self._root: dict = {}

    def term_keys(self, term: str) -> list[str]:
        """The key sequence of a term, tokenised as posts are."""
        keys: list[str] = []
        for chunk in term.split():
            if chunk.endswith(STEM):
                keys.append(fold_word(chunk[:-1]) + STEM)
            else:
                keys.extend(fold_word(word) for word in self._split(chunk))
        return [k for k in keys if k]

    def add(self, term: str, target: Hashable) -> None:
        node = self._root
        for key in self.term_keys(term):
            self.lexicon.add(key)
            node = node.setdefault(key, {})
        node.setdefault(_END, []).append(target)

    def __bool__(self) -> bool:
        return bool(self._root)

    def matches(self, lattice: Lattice) -> Iterator[tuple[Hashable, int, int]]:
        """Every (target, start_char, end_char) of a term found in the lattice."""
        edges = lattice.edges
        for origin in range(len(edges)):
            stack: list[tuple[int, dict, int]] = [(origin, self._root, -1)]
            while stack:
                node, trie, start = stack.pop()
                for key, to, cs, ce in edges[node]:
                    child = trie.get(key)
                    if child is None:
                        continue
                    s = cs if start < 0 else start
                    for target in child.get(_END, ()):
                        yield target, s, ce
                    if len(child) > (1 if _END in child else 0):
                        stack.append((to, child, s))


@dataclass(frozen=True)
class Term:
    """One entry of a rule's `terms`: a word or phrase, `stem*` for any ending, optional expiry."""
    text: str
    until: dt.date | None = None


@dataclass(frozen=True)
class TermsSpec:
    terms: tuple[Term, ...]
    kind: str = "terms"

    def to_dict(self) -> dict[str, Any]:
        return {"terms": [t.text if t.until is None else {"term": t.text, "until": t.until.isoformat()}
                          for t in self.terms]}


def _spaced(text: str) -> str:
    return " ".join(text.split()).casefold()


# What a word written the censor's way ('f***', 'b****') stands for: people star out swear
# words, not the other listed words that fit ('fool', 'suit').
CENSORED_CATEGORY = "profanity"


class TermsSearcher:
    def __init__(self, setup: Setup) -> None:
        self.index = TermIndex(setup.lexicon, setup.split)
        # Exact terms still go through the trie, but only a literal occurrence counts.
        self._exact: dict[int, frozenset[str]] = {}
        self._uncensored: set[int] = set()

    def add(self, index: int, rule) -> None:
        for term in rule.matcher.terms:
            self.index.add(term.text, (index, term.until))
        if rule.exact:
            self._exact[index] = frozenset(_spaced(t.text) for t in rule.matcher.terms)
        if rule.category != CENSORED_CATEGORY:
            self._uncensored.add(index)

    def find(self, context: MatchContext) -> Iterable[Candidate]:
        if not self.index:
            return
        text, day = context.text, context.day
        for (index, until), start, end in self.index.matches(context.lattice):
            if until is not None and until <= day:
                continue  # the embargo on this term has ended
            if index in self._exact and _spaced(text[start:end]) not in self._exact[index]:
                continue
            if index in self._uncensored and censored(fold_word(text[start:end])):
                continue
            yield Candidate(index, start, end)


class TermsMatcher:
    kind = "terms"
    schema: Mapping[str, Mapping[str, Any]] = {
        "terms": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/term"}},
    }

    def compile(self, data: Mapping[str, Any], where: Where) -> TermsSpec:
        terms = []
        for j, t in enumerate(data["terms"]):
            text, until = (t, None) if isinstance(t, str) else (t["term"], t.get("until"))
            for word in text.split():
                if "*" in word[:-1] or (word.endswith("*") and len(word.rstrip("*")) < 3):
                    raise where.error(f"term {text!r}: '*' may only end a word of at least 3 letters",
                                      "terms", j)
            terms.append(Term(text, dt.date.fromisoformat(until) if until else None))
        return TermsSpec(tuple(terms))

    def searcher(self, setup: Setup) -> TermsSearcher:
        return TermsSearcher(setup)
