"""Text as matchers see it: folding with an exact offset map, disguised spellings, lemmas,
the lexicon of listed words, and the words inside hashtags."""
