"""Writes compliance/data/given-names.txt: the given names of every locale that Faker (MIT
licence, joke2k/faker) ships, in Latin letters, lower case and without accents, as they are
typed in the local part of an e-mail address. Cyrillic names (Macedonian, Bulgarian, Russian,
Ukrainian) are romanised with cyrtranslit, both ways a name is commonly spelled ('jovana',
'snezana' and 'snezhana').

Faker is not a dependency of the checker; run this with it installed when Faker's lists
change:  pip install faker && python tools/build_given_names.py
"""
from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from pathlib import Path

import cyrtranslit
import faker
import faker.providers.person as person

from compliance.normalize.addresses import ascii_fold

OUT = Path(__file__).resolve().parent.parent / "compliance" / "data" / "given-names.txt"
ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
CYRILLIC = {"mk_MK": "mk", "bg_BG": "bg", "ru_RU": "ru", "uk_UA": "ua"}
# cyrtranslit writes š, ž, č; addresses are typed both with 'sh' and with the bare letter.
DIGRAPHS = {"š": "sh", "ž": "zh", "č": "ch", "ć": "c", "ǵ": "gj", "ḱ": "kj", "ѓ": "gj", "ќ": "kj"}


def locale_names(provider: type) -> set[str]:
    names: set[str] = set()
    for attr in ATTRS:
        value = next((cls.__dict__[attr] for cls in provider.__mro__ if attr in cls.__dict__), None)
        if isinstance(value, (list, tuple, dict)):
            names.update(value)
    return names


def spellings(name: str, locale: str) -> set[str]:
    if locale in CYRILLIC:
        latin = cyrtranslit.to_latin(name, CYRILLIC[locale]).lower()
        digraphs = "".join(DIGRAPHS.get(ch, ch) for ch in latin)
        return {ascii_fold(latin), ascii_fold(digraphs)}
    if all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name):
        return {ascii_fold(name)}
    return set()


def main() -> None:
    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        if provider is None:
            continue
        for name in locale_names(provider):
            names.update(s for s in spellings(name, module.name) if s.isalpha() and len(s) >= 2)
    header = (f"# Given names of every Faker {faker.VERSION} locale (MIT licence), folded to ASCII;"
              " made by tools/build_given_names.py\n")
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
