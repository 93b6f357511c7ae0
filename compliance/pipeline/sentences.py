"""Sentence boundaries for rule conditions (`unless`, `requires`, negation scope): spaCy's
sentencizer ends a sentence at every full stop, so in "Opið virka daga kl. 9-16 og síminn er
460 2500" the opening hours that make the number a business line fall in a sentence of their
own. Here a full stop is no boundary when the text goes on in lower case or with a digit, as
it does after an abbreviation ("kl. 9", "e.g. our", "t.d. í", "approx. 40", "ul. Ilindenska")
and inside a date or a price. "!", "?" and the rest end a sentence as before; so does a full
stop before a capital, a word of a script without case, an emoji or a hashtag. Posts end
sentences with emoji as often as with stops: an emoji followed by a capital ("a promise 😏
Everyone knows") ends one too, so the "not" of one sentence does not reach into the next.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

from spacy.language import Language
from spacy.pipeline import Sentencizer

FACTORY = "compliance_sentencizer"


class SocialSentencizer(Sentencizer):
    def predict(self, docs):
        guesses = super().predict(docs)
        for doc, starts in zip(docs, guesses):
            for i in range(1, len(starts)):
                if starts[i] and _goes_on(doc[i].text) and _after_full_stop(doc, i):
                    starts[i] = False
                elif not starts[i] and doc[i].text[:1].isupper() and _ends_with_emoji(doc, starts, i):
                    starts[i] = True
        return guesses


def _goes_on(word: str) -> bool:
    first = word[:1]
    return first.isdigit() or first.islower()


# Joiners, variation selectors and skin tones that sit inside an emoji sequence.
_EMOJI_PARTS = {"\u200d", "\ufe0f", "\ufe0e", "\u20e3"}


def is_emoji(word: str) -> bool:
    """Whether a token is emoji and nothing else ("🙄", "👏👏", "❤️")."""
    return bool(word) and all(unicodedata.category(ch) == "So" or ch in _EMOJI_PARTS
                              or "\U0001f3fb" <= ch <= "\U0001f3ff" for ch in word)


def _ends_with_emoji(doc, starts, i: int) -> bool:
    """Whether the tokens before token `i` are a run of emoji after words of the same sentence
    (not an emoji that opens one: "🎉 Party!")."""
    j = i - 1
    while j >= 0 and is_emoji(doc[j].text):
        j -= 1
    return j < i - 1 and j >= 0 and not starts[j + 1] and doc[i - 1].whitespace_ and not doc[j].is_punct


def _after_full_stop(doc, i: int) -> bool:
    """Whether the punctuation run that ends before token `i` holds a full stop and no other
    sentence-final mark ("kl." yes; "Done!" and "Really?!" no)."""
    marks = []
    j = i - 1
    while j >= 0 and doc[j].is_punct:
        marks.append(doc[j].text)
        j -= 1
    return bool(marks) and all(set(m) <= {".", '"', "'", ")", "”", "’", "»"} for m in marks) and any("." in m for m in marks)


@Language.factory(FACTORY, assigns=["token.is_sent_start", "doc.sents"],
                  default_config={"punct_chars": None, "overwrite": False})
def make_sentencizer(nlp: Language, name: str, punct_chars: Optional[list[str]], overwrite: bool) -> SocialSentencizer:
    return SocialSentencizer(name, punct_chars=punct_chars, overwrite=overwrite)
