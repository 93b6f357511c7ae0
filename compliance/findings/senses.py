"""Senses that keep clean posts clean, for `negated` and `quoted` conditions: is a match
negated in its clause, and is it quoted or mentioned (a post teaching the policy) rather
than used. Both read the Doc's tokens and the language registry's word lists."""
from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from ..languages import LANGUAGES, LanguageInfo
from ..matchers.base import MatchContext
from ..pipeline.sentences import is_emoji

NEGATION_WINDOW = 6   # tokens before the match that a negation may stand in
_CLAUSE_BREAKS = frozenset(",;:–—()[]!?.\n") | frozenset({"but", "however", "although", "though", "yet",
                                                            "en", "men", "ampak", "toda", "но", "אבל", "אך"})
_DOUBLE_QUOTES = (("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ('"', '"'), ("‹", "›"), ("「", "」"))
# Quotes that also stand inside words, so they count only at a word's edge: the apostrophe,
# and Hebrew geresh and gershayim (׳פנימי׳, ״חסוי״), which inside a word mark a sound or an
# abbreviation (ג׳וינט, ת״א).
_EDGE_QUOTES = (regex.compile(r"(?<![\w])['‘‚׳]((?:[^'’׳\n]|׳(?=\w)){2,}?)['’׳](?![\w])"),
                regex.compile(r"(?<![\w])״((?:[^״\n]|(?<=\w)״(?=\w)){2,}?)״(?![\w])"))


def _info(lang: str) -> LanguageInfo:
    return LANGUAGES.get(lang, LANGUAGES["en"])


@lru_cache(maxsize=16)
def _phrases(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    singles = frozenset(w.casefold() for w in words if " " not in w)
    multi = tuple(tuple(w.casefold().split()) for w in words if " " in w)
    return singles, multi


def _token_index(context: MatchContext, pos: int) -> int:
    starts = [t.idx for t in context.tokens]
    return max(bisect.bisect_right(starts, pos) - 1, 0)


def _is_cue(words: list[str], i: int, singles: frozenset[str], multi, info: LanguageInfo) -> bool:
    word = words[i]
    if word in singles or any(word[k:] in singles for k in range(1, info.max_affixes + 1)
                              if word[:k] and all(ch in info.affixes for ch in word[:k])):
        return True
    return any(tuple(words[i:i + len(p)]) == p for p in multi)


def negated(context: MatchContext, start: int, end: int, lang: str) -> bool:
    """True when a negation word of `lang` stands inside the match or within a few tokens
    before it, with no clause break between: "returns are not guaranteed"."""
    if not context.tokens:
        return False
    info = _info(lang)
    singles, multi = _phrases(info.negations)
    praise = _phrases(info.affirmations)[1]
    words = [w.casefold() for w in context.folded_tokens]
    first, last = _token_index(context, start), _token_index(context, max(start, end - 1))
    doc = context.doc
    sentences = doc.has_annotation("SENT_START")
    for i in range(last, max(first - NEGATION_WINDOW, 0) - 1, -1):
        # A negation does not reach across a clause break, an emoji (which posts put where a
        # stop would go: "didn't fit 👖 lose a size in a week") or the start of a sentence.
        if i < first and (words[i] in _CLAUSE_BREAKS or is_emoji(words[i]) or (sentences and doc[i + 1].is_sent_start)):
            return False
        if _is_cue(words, i, singles, multi, info) and not _opens(words, i, praise):
            return True
    return False


def _opens(words: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of `phrases` starts at word `i`, or takes in word `i` ("ca n't beat")."""
    return any(tuple(words[j:j + len(p)]) == p for p in phrases for j in range(max(i - len(p) + 1, 0), i + 1))


def _sentence(context: MatchContext, pos: int) -> tuple[int, int]:
    doc = context.doc
    if doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            if sent.start_char <= pos < sent.end_char or pos == sent.end_char:
                return sent.start_char, sent.end_char
    return 0, len(context.text)


def _inside_quotes(text: str, lo: int, hi: int, start: int, end: int) -> bool:
    sentence = text[lo:hi]
    for opening, closing in _DOUBLE_QUOTES:
        pos = 0
        while (o := sentence.find(opening, pos)) >= 0:
            c = sentence.find(closing, o + 1)
            if c < 0:
                break
            if lo + o < start and end <= lo + c:
                return True
            pos = c + 1
    return any(lo + m.start(1) <= start and end <= lo + m.end(1)
               for quote in _EDGE_QUOTES for m in quote.finditer(sentence))


def quoted(context: MatchContext, start: int, end: int, lang: str) -> bool:
    """True when the match is inside quotation marks in its sentence, or follows a word of
    `lang` that shows the sentence is about a rule or about wording ("our guidelines say
    never to call a product 100% safe")."""
    text = context.text
    lo, hi = _sentence(context, start)
    if _inside_quotes(text, lo, hi, start, end):
        return True
    if not context.tokens:
        return False
    info = _info(lang)
    singles, multi = _phrases(info.mention_cues)
    words = [w.casefold() for w in context.folded_tokens]
    first = _token_index(context, lo)
    match = _token_index(context, start)
    return any(_is_cue(words, i, singles, multi, info) for i in range(first, match))
