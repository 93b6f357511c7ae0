"""Terms compiled into a trie over lexicon keys, matched against a Lattice."""
from __future__ import annotations

from typing import Callable, Hashable, Iterable, Iterator

from .lattice import Lattice
from .lexicon import STEM, Lexicon
from .normalize import fold_word

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

    def add_all(self, pairs: Iterable[tuple[str, Hashable]]) -> None:
        for term, target in pairs:
            self.add(term, target)
