"""Words a stream keeps bringing, kept in the pipeline's vocabulary for good.

The checker runs each batch in a spaCy memory zone, so the strings a batch brings are freed
with it and a long stream does not grow the vocabulary. But then every batch tokenises its
common words from scratch: a new Lexeme (shape, flags, norms) and a new tokenizer cache entry
for every "thanks," and "tomorrow" the base vocabulary lacks, which cost more than half of the
tokenizer's time on a stream of real prose. A chunk (a whitespace-separated piece of a post)
seen in two batches is tokenised once outside the zone, which keeps its lexemes and its cache
entry; at most `limit` chunks are kept, so memory stays bounded whatever the stream.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# Chunks longer than this are hashes, links and other one-offs, not worth a place.
MAX_CHUNK = 32


class RecurringWords:
    """Counts the chunks of each batch and keeps those that recur, up to `limit`."""

    def __init__(self, limit: int = 50_000, window: int = 200_000) -> None:
        self.limit, self.window = limit, window
        self.kept: set[str] = set()
        self._seen: Counter[str] = Counter()

    def learn(self, nlp: "Language", texts: Iterable[str]) -> None:
        """Count the chunks of a batch that was checked in a memory zone (call it outside the
        zone) and tokenise, for good, those seen in an earlier batch too."""
        if len(self.kept) >= self.limit:
            return
        batch = {chunk for text in texts for chunk in text.split()
                 if len(chunk) <= MAX_CHUNK and chunk not in self.kept}
        recurring = [chunk for chunk in batch if self._seen[chunk]]
        if len(self._seen) > self.window:  # counts of one-offs would grow with the stream
            self._seen.clear()
        self._seen.update(batch)
        recurring = recurring[:self.limit - len(self.kept)]
        if recurring:
            nlp.tokenizer(" ".join(recurring))
            self.kept.update(recurring)
