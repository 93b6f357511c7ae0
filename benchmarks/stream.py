"""A realistic, reproducible stream of posts for the benchmarks: 5-60 words each, in English,
Icelandic, Macedonian, Slovenian and Hebrew, about nine in ten clean real prose, the rest
with a violation in them, decorated as posts are (hashtags, mentions, links, emoji).

Clean prose is the translated interface text that free software ships (the gettext
catalogues under /usr/share/locale, British English for English), not our policy documents,
which are full of the words the packs look for; a language with too few catalogue messages
on the machine gets sentences of its most frequent words (wordfreq) instead. The violations
are the rules' own `examples.match` sentences. The same seed on the same machine gives the
same stream.

    python benchmarks/stream.py --posts 1000 --seed 15 > posts.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import regex
import wordfreq

from audit_prose import texts_of
from compliance.languages.detect import by_script
from compliance.packs import load_rule_set

LANGS = ("en", "is", "mk", "sl", "he")
LOCALES = {"en": "en_GB", "is": "is", "mk": "mk", "sl": "sl", "he": "he"}
MIN_MESSAGES = 200  # fewer catalogue messages than this, and word salad stands in
# Interface strings with placeholders, markup, accelerators or paths are not prose.
_NOT_PROSE = regex.compile(r"[%{}<>_&\\|=\[\]/@#]|\.\.\.|^\W|\d{3,}")
# Some Hebrew catalogues are stored in visual order, each word reversed: a word then starts
# with a letter's final form.
_REVERSED_HEBREW = regex.compile(r"(?<!\p{L})[ךםןףץ]\p{L}")
EMOJI = ("🎉", "🙌", "☕", "🚀", "❤️", "👍", "😂", "🔥", "✨", "🙏", "😅", "👀", "🇮🇸", "🇸🇮", "🇲🇰", "🇮🇱")
DOMAINS = ("example.com", "example.org", "shop.example.net", "blog.example.is", "news.example.si")


def catalogue_prose(lang: str, root: Path = Path("/usr/share/locale")) -> list[str]:
    """The messages of `lang`'s gettext catalogues on this machine that read as prose in
    that language (3 to 40 words, no placeholders; untranslated English left out)."""
    folder = root / LOCALES[lang] / "LC_MESSAGES"
    texts = dict.fromkeys(t for path in sorted(folder.glob("*.mo")) for t in texts_of(path))
    return [t for t in texts if len(t.split()) <= 40 and not _NOT_PROSE.search(t)
            and not _REVERSED_HEBREW.search(t) and by_script(t) == lang]


class StreamMaker:
    """Makes posts one at a time from a seed; `share_violating` of them carry a violation."""

    def __init__(self, seed: int = 15, share_violating: float = 0.1) -> None:
        self.rng = random.Random(seed)
        self.share_violating = share_violating
        self.words = {lang: wordfreq.top_n_list(lang, 3000) for lang in LANGS}
        self.prose = {}
        for lang in LANGS:
            messages = catalogue_prose(lang)
            self.prose[lang] = messages if len(messages) >= MIN_MESSAGES else None
        rules = load_rule_set().rules
        self.violations = {lang: [e.text for r in rules if r.langs is None or lang in r.langs for e in r.examples_match
                                 if not e.metadata.to_dict()]
                           for lang in LANGS}

    def sources(self) -> dict[str, str]:
        """Where each language's clean prose comes from."""
        return {lang: f"{len(p):,} catalogue messages" if p else "wordfreq word salad"
                for lang, p in self.prose.items()}

    def _sentence(self, lang: str) -> str:
        if self.prose[lang]:
            return self.rng.choice(self.prose[lang])
        words = self.rng.choices(self.words[lang][:2000], k=self.rng.randint(4, 14))
        return " ".join(words).capitalize() + self.rng.choice(".!?")

    def _decoration(self, lang: str) -> str:
        rng, words = self.rng, self.words[lang]
        kind = rng.choice(("hashtag", "hashtag", "mention", "link", "emoji", "emoji"))
        if kind == "hashtag":
            tag = "".join(w.capitalize() for w in rng.sample(words[50:1500], rng.randint(1, 2)))
            return "#" + regex.sub(r"\W", "", tag)
        if kind == "mention":
            return "@" + regex.sub(r"\W", "", rng.choice(words[100:2000])) + rng.choice(("", "_hq", "2026", "Team"))
        if kind == "link":
            path = regex.sub(r"\W", "", rng.choice(self.words["en"][100:2000]))
            return f"https://{rng.choice(DOMAINS)}/{path}/{rng.randint(1, 99)}"
        return rng.choice(EMOJI)

    def post(self) -> str:
        """The text of the next post (as `compliance scan` reads it, the language is left to detect)."""
        rng = self.rng
        lang = rng.choice(LANGS)
        target = rng.randint(5, 60)
        words: list[str] = []
        while len(words) < target:
            words += self._sentence(lang).split()
        words = words[:target]
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            words.insert(rng.randint(0, len(words)), self._decoration(lang))
        if rng.random() < self.share_violating:
            words.insert(rng.randint(0, len(words)), rng.choice(self.violations[lang]))
        return " ".join(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args()
    maker = StreamMaker(a.seed)
    print("clean prose: " + ", ".join(f"{k} {v}" for k, v in maker.sources().items()), file=sys.stderr)
    out = sys.stdout
    for i in range(a.posts):
        out.write(json.dumps({"id": f"p{i:07d}", "text": maker.post()}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
