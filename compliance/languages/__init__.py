"""Languages as data: one entry per language we have packs for, read by the pipeline
builder (lemmatizer, prefix letters), the detector (lingua's name, script) and the phone
validator (regions whose national formats posts use)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageInfo:
    code: str                         # ISO 639-1, as packs and posts name it
    lingua: str                       # lingua's Language member
    script: str                       # Unicode script of its alphabet
    phone_regions: tuple[str, ...]    # libphonenumber regions for numbers written nationally
    lemmatizer: str = "none"          # "lookups" (spaCy's tables), "simplemma" or "none"
    affixes: tuple[str, ...] = ()     # prefix letters written onto words (Hebrew)
    max_affixes: int = 0


LANGUAGES: dict[str, LanguageInfo] = {info.code: info for info in (
    LanguageInfo("en", "ENGLISH", "Latin", ("GB", "US", "IE"), lemmatizer="lookups"),
    LanguageInfo("is", "ICELANDIC", "Latin", ("IS",), lemmatizer="simplemma"),
    LanguageInfo("mk", "MACEDONIAN", "Cyrillic", ("MK",), lemmatizer="simplemma"),
    LanguageInfo("sl", "SLOVENE", "Latin", ("SI",), lemmatizer="simplemma"),
    LanguageInfo("he", "HEBREW", "Hebrew", ("IL",), affixes=tuple("והבלמשכ"), max_affixes=3),
)}

FALLBACK = "xx"  # spaCy's multi-language class: a pipeline for any other language
# Posts mention numbers of neighbouring countries too; these regions are tried as well.
EXTRA_PHONE_REGIONS = ("DE",)


def phone_regions() -> tuple[str, ...]:
    """Every region whose national phone format a post may use, in registry order."""
    regions = [r for info in LANGUAGES.values() for r in info.phone_regions] + list(EXTRA_PHONE_REGIONS)
    return tuple(dict.fromkeys(regions))
