"""Languages as data: one entry per language we have packs for, read by the pipeline
builder (lemmatizer, prefix letters), the detector (lingua's name, script), the phone
validator (regions whose national formats posts use) and the sense conditions (words that
negate, words that show a post mentions a rule rather than making the claim)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageInfo:
    code: str                         # ISO 639-1, as packs and posts name it
    lingua: str                       # lingua's Language member
    script: str                       # Unicode script of its alphabet
    phone_regions: tuple[str, ...]    # libphonenumber regions for numbers written nationally
    # How tokens meet listed dictionary forms (compliance.normalize.lemmas): "lookups" (spaCy's
    # table), "rules" (spaCy's noun suffix rules), "simplemma", "lemmagen3", "bin" (every BÍN
    # form of a listed word) or "none"; lemmatizers joined by "+" give the union of their lemmas.
    lemmatizer: str = "none"
    affixes: tuple[str, ...] = ()     # prefix letters written onto words (Hebrew)
    max_affixes: int = 0
    negations: tuple[str, ...] = ()   # words that negate what follows them in a clause
    # Phrases that open with a negation word but praise what follows: "nothing beats", written as
    # the tokenizer splits them ("ca n't beat").
    affirmations: tuple[str, ...] = ()
    # Words or phrases after which a sentence talks about wording rather than using it:
    # the policy, a guideline, "words like".
    mention_cues: tuple[str, ...] = ()


LANGUAGES: dict[str, LanguageInfo] = {info.code: info for info in (
    LanguageInfo(
        "en", "ENGLISH", "Latin", ("GB", "US", "IE"), lemmatizer="lookups+rules",
        negations=("not", "n't", "n’t", "never", "no", "nobody", "none", "nothing", "neither", "nor",
                   "without", "cannot", "can't", "won't", "don't", "doesn't", "isn't", "aren't", "wasn't",
                   "nowhere", "hardly"),
        affirmations=("nothing beats", "nothing like", "nothing better than", "nothing compares to", "nothing quite like",
                      "nothing quite beats", "no better way", "ca n't beat", "ca n’t beat", "can not beat", "never gets old",
                      "ca n't get enough", "ca n’t get enough", "never say no to"),
        mention_cues=("policy", "policies", "guideline", "guidelines", "guidance", "handbook", "rulebook",
                      "code of conduct", "style guide", "training", "compliance team", "words like",
                      "phrases like", "terms like", "claims like", "not allowed to", "never to", "avoid saying",
                      "avoid words", "don't say", "do not say", "never say", "banned words")),
    LanguageInfo(
        "is", "ICELANDIC", "Latin", ("IS",), lemmatizer="bin",
        # Every case of the pronoun "enginn" (no, none), as the Database of Icelandic Morphology inflects it.
        negations=("ekki", "aldrei", "enginn", "engin", "ekkert", "engan", "engum", "engir", "engar", "enga", "engri",
                   "engrar", "engu", "einskis", "engra", "engis", "hvorki", "né", "án", "alls ekki", "síður en svo"),
        mention_cues=("stefna", "stefnan", "stefnunni", "reglur", "reglurnar", "reglum", "leiðbeiningar",
                      "leiðbeiningum", "siðareglur", "siðareglum", "handbók", "handbókinni", "orð eins og",
                      "orðalag eins og", "ekki má segja", "má ekki segja", "aldrei að segja")),
    LanguageInfo(
        "mk", "MACEDONIAN", "Cyrillic", ("MK",), lemmatizer="simplemma+lemmagen3",
        negations=("не", "никогаш", "нема", "немам", "немаш", "немаме", "немате", "немаат", "ниту", "никој", "ниеден",
                   "ниедна", "ниедно", "ниедни", "ништо", "никаков", "никаква", "никакво", "никакви", "никаде", "нигде",
                   "без", "нејќе", "нејќам", "нејќат", "немој", "немојте",
                   "ne", "nikogas", "nikogash", "nema", "nemam", "nemame", "nemate", "nemaat", "nikoj", "nishto", "nisto",
                   "niedna", "nieden", "bez"),
        mention_cues=("политика", "политиката", "политиките", "правила", "правилата", "упатство", "упатството",
                      "упатствата", "насоки", "насоките", "кодексот", "кодекс", "зборови како", "изрази како",
                      "не смееме да", "никогаш да не")),
    LanguageInfo(
        "sl", "SLOVENE", "Latin", ("SI",), lemmatizer="lemmagen3",
        negations=("ne", "ni", "nismo", "nisem", "niso", "nikoli", "brez", "noben", "nobena", "nobeno",
                   "nihče", "nič", "niti", "nikakor"),
        mention_cues=("politika", "politike", "politiki", "pravila", "pravilih", "pravilnik", "pravilniku",
                      "smernice", "smernicah", "kodeks", "kodeksu", "priročnik", "priročniku", "besede kot",
                      "besede, kot", "izraze kot", "ne smemo", "nikoli ne recite")),
    LanguageInfo(
        "he", "HEBREW", "Hebrew", ("IL",), affixes=tuple("והבלמשכ"), max_affixes=3,
        negations=("לא", "אין", "אינו", "אינה", "אינם", "אינן", "איננו", "בלי", "ללא", "מעולם", "אף"),
        mention_cues=("מדיניות", "המדיניות", "הנחיות", "ההנחיות", "כללים", "הכללים", "נוהל", "הנוהל",
                      "קוד האתי", "הקוד האתי", "מילים כמו", "ביטויים כמו", "אסור לכתוב", "אסור להגיד", "לעולם אל")),
)}

FALLBACK = "xx"  # spaCy's multi-language class: a pipeline for any other language
# Posts mention numbers of neighbouring countries too; these regions are tried as well.
EXTRA_PHONE_REGIONS = ("DE",)


def pipeline_langs() -> tuple[str, ...]:
    """Languages that have packs and a pipeline of their own."""
    return tuple(LANGUAGES)


def phone_regions() -> tuple[str, ...]:
    """Every region whose national phone format a post may use, in registry order."""
    regions = [r for info in LANGUAGES.values() for r in info.phone_regions] + list(EXTRA_PHONE_REGIONS)
    return tuple(dict.fromkeys(regions))
