"""Writes rules/en/person-nouns.txt: the English nouns that name a kind of person in every
sense WordNet gives them ('auditor', 'presenter', 'copywriter', 'cheapskate'), so a pack can
say "a remark about a person" without listing every job and role. Words that also name a
thing ('printer', 'host', 'fossil') are left out: said of a thing, a rude word is no insult.

Source: Princeton WordNet 3.0 (WordNet licence, BSD-style), as Debian's wordnet-base ships it:
    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb wn
    python tools/build_person_nouns.py wn/usr/share/wordnet
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "rules" / "en" / "person-nouns.txt"
PERSON = "00007846"          # person.n.01
WORD = re.compile(r"[a-z][a-z-]*[a-z]")


def hypernyms(data_noun: Path) -> dict[str, list[str]]:
    """Each synset with its class hypernyms; instances (named people) have none, so they drop out."""
    out: dict[str, list[str]] = {}
    for line in data_noun.read_text("latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split(" | ")[0].split()
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = fields[at + 1: at + 1 + 4 * int(fields[at])]
        out[fields[0]] = [pointers[i + 1] for i in range(0, len(pointers), 4) if pointers[i] == "@"]
    return out


def main(folder: str) -> None:
    root = Path(folder)
    up = hypernyms(root / "data.noun")
    known: dict[str, bool] = {PERSON: True}

    def is_person(synset: str) -> bool:
        if synset not in known:
            known[synset] = False          # cycles count as no
            known[synset] = any(is_person(h) for h in up.get(synset, ()))
        return known[synset]

    nouns = []
    for line in (root / "index.noun").read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        senses = fields[4 + int(fields[3]) + 2:]
        if WORD.fullmatch(fields[0]) and all(is_person(s) for s in senses):
            nouns.append(fields[0])
    header = "# Nouns that name a person in every WordNet 3.0 sense; made by tools/build_person_nouns.py\n"
    OUT.write_text(header + "\n".join(sorted(nouns)) + "\n", encoding="utf-8")
    print(f"{len(nouns)} nouns -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
