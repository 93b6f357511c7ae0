"""Morphology from maintained resources: packs list dictionary forms, the engine finds the
inflected ones (BÍN for Icelandic, lemmagen3 for Slovenian, simplemma with lemmagen3 for
Macedonian, spaCy's table and noun rules for English, prefix letters for Hebrew)."""
import subprocess
import sys

import pytest

from compliance import Checker
from compliance.normalize.lemmas import Morphology, get_morphology, icelandic_forms
from compliance.normalize.lexicon import Lexicon


@pytest.fixture(scope="module")
def morph(fixtures) -> Checker:
    """Only the small packs of tests/fixtures/morphology, one per language."""
    return Checker.from_packs([fixtures / "morphology"], builtin=False)


def matches(checker: Checker, text: str, lang: str) -> list[str]:
    return [v.match for v in checker.check(text, lang=lang).violations]


INFLECTED = [
    # Icelandic: cases, numbers, articles, strong verb ablaut, superlatives, a compound, a proper noun
    ("is", "Við erum með fávitanum í liði", "fávitanum"),
    ("is", "Þeir spiluðu eins og lúðunum einum er lagið", "lúðunum"),
    ("is", "Hættu þessu fíflinu strax", "fíflinu"),
    ("is", "Við sátum föst í helvítinu í tvo tíma", "helvítinu"),
    ("is", "Hann laug að okkur öllum", "laug"),
    ("is", "Þau svindluðu á prófinu", "svindluðu"),
    ("is", "Þetta var heimskasti fundur ársins", "heimskasti"),
    ("is", "Takið helvítisdraslinu burt af borðinu", "helvítisdraslinu"),
    ("is", "Kjósið Sjálfstæðisflokkinn á laugardaginn", "Sjálfstæðisflokkinn"),
    # Slovenian: six cases, three numbers (dual), fleeting vowels, verbs by person
    ("sl", "Sta pravi kravi, obe", "kravi"),
    ("sl", "Z obema idiotoma ni mogoče delati", "idiotoma"),
    ("sl", "Ne bom več delal s tem tepcem", "tepcem"),
    ("sl", "Dva bedaka sta spet zamujala", "bedaka"),
    ("sl", "Vsi nam lažejo v obraz", "lažejo"),
    ("sl", "Teh neumnih pravil ne bomo upoštevali", "neumnih"),
    ("sl", "Kakšna zoprna ekipa", "zoprna"),
    # Macedonian: definite articles (near, distal, plain), plurals, verbs by person and tense
    ("mk", "Идиотот пак го згреши датумот", "Идиотот"),
    ("mk", "Будалите од другата смена не дојдоа", "Будалите"),
    ("mk", "Магарињата од магацинот пак доцнат", "Магарињата"),
    ("mk", "Глупавиот план пропадна", "Глупавиот"),
    ("mk", "Тој ни лажеше цела година", "лажеше"),
    ("mk", "Кучкини синови, пак задоцнија", "Кучкини синови"),
    # Hebrew: up to three prefix letters before a listed singular, plural or construct phrase
    ("he", "אל תקשיבו לשקרן הזה", "לשקרן"),
    ("he", "כשהשקרנים מדברים כולם שותקים", "כשהשקרנים"),
    ("he", "והשקרנית ההיא שוב איחרה", "והשקרנית"),
    ("he", "שהמטומטם הזה יפסיק", "שהמטומטם"),
    ("he", "אמרתי לבני זונות האלה", "לבני זונות"),
    # English: plurals spaCy's table lacks, and its own lemmas
    ("en", "Our rivals are total assholes", "assholes"),
    ("en", "They worked their asses off", "asses"),
    ("en", "A room full of twats and scumbags", "twats"),
    ("en", "He lied to every customer", "lied"),
]

NEAR_MISSES = [
    ("is", "Þetta var mikill fíflagangur á fundinum"),      # fíflagangur: tomfoolery, its own word
    ("is", "Hann er hálfvitlaus eftir vaktina"),             # not a form of any listed word
    ("is", "Hann er þekktur lygari og svindlari"),           # nouns derived from ljúga, svindla
    ("is", "Helvískur kuldi í dag"),                         # helvískur: adjective, not helvíti
    ("sl", "Kupil je novo kravato za poroko"),               # kravata: necktie
    ("sl", "Na podeželju vlada prava idila"),                # idila: idyll
    ("sl", "Nov tepih v sejni sobi"),                        # tepih: carpet
    ("sl", "Lagodno nedeljsko popoldne"),                    # lagoden: comfortable
    ("mk", "Донеси ми една лажица"),                         # лажица: spoon
    ("mk", "Будилникот заѕвони во шест"),                    # будилник: alarm clock
    ("mk", "Новата магаза во центарот е отворена"),          # магаза: shop
    ("mk", "Лопатата е во гаражата"),                        # лопата: shovel
    ("he", "זה היה שקר גמור"),                               # שקר: a lie, not a liar
    ("he", "המשקר הזה נתפס"),                                # משקר: lying (verb); prefix מ leaves שקר
    ("he", "טומטום בלי סוף"),                                # not a prefixed listed word
    ("en", "We assess every asset in our classes"),
    ("en", "Twain wrote it; the scum bag was a prop"),
    ("en", "A lien on the property"),
]


@pytest.mark.parametrize("lang,text,expected", INFLECTED, ids=[f"{l}:{e}" for l, _, e in INFLECTED])
def test_inflected_forms_of_listed_dictionary_forms_match(morph, lang, text, expected):
    assert expected in matches(morph, text, lang)


@pytest.mark.parametrize("lang,text", NEAR_MISSES, ids=[f"{l}:{t[:20]}" for l, t in NEAR_MISSES])
def test_near_misses_do_not_match(morph, lang, text):
    assert matches(morph, text, lang) == []


def test_offsets_point_into_the_original_text(morph):
    text = "Kjósið Sjálfstæðisflokkinn, ekki fíflin!"
    for v in morph.check(text, lang="is").violations:
        assert text[v.start:v.end] == v.match
    assert [v.match for v in morph.check(text, lang="is").violations] == ["Sjálfstæðisflokkinn", "fíflin"]


def test_bin_forms_cover_every_paradigm_of_a_headword():
    forms = icelandic_forms("fífl")
    assert {"fífl", "fíflið", "fíflinu", "fífls", "fíflin", "fíflum", "fíflanna"} <= forms
    assert "fíflagangur" not in forms
    assert icelandic_forms("hann") == frozenset()       # pronouns keep the form written
    assert icelandic_forms("bjánalegur") > {"bjánalegri", "bjánalegustu"}
    assert icelandic_forms("xqzyk") == frozenset()


def test_a_form_shared_by_two_listed_words_spells_both():
    # lúðum is the dative plural of lúði (nerd) and of lúða (halibut)
    lexicon = Lexicon(get_morphology("bin", "is"))
    lexicon.add("lúði")
    lexicon.add("lúða")
    assert set(lexicon.keys_for("lúðum")) == {"lúði", "lúða"}
    assert lexicon.lemmatize("lúðunum") in {"lúði", "lúða"}


def test_a_token_matches_when_any_of_its_lemmas_is_listed():
    # lemmagen3 reads синови as синов; simplemma reads it as син
    lexicon = Lexicon(get_morphology("simplemma+lemmagen3", "mk"))
    lexicon.add("син")
    assert lexicon.keys_for("синови") == ("син",)
    # English: spaCy's table says "asse"; its noun rules also offer "ass"
    english = Lexicon(get_morphology("lookups+rules", "en"))
    english.add("ass")
    assert english.keys_for("asses") == ("ass",)
    assert english.keys_for("assess") == ()


def test_unknown_back_end_is_a_configuration_error():
    with pytest.raises(ValueError, match="unknown lemmatizer 'snowball'"):
        get_morphology("snowball", "sl")
    assert get_morphology("none", "he") == Morphology()


def test_token_patterns_see_the_first_back_ends_lemma():
    # Patterns' LEMMA lists were written against the first back-end; the others only add
    # readings for terms.
    english = Lexicon(get_morphology("lookups+rules", "en"))
    assert english.lemmatize("fucking") == "fuck"
    assert english.lemmatize("millennials") == "millennials"
    assert get_morphology("lookups+rules", "en").lemmas("millennials") == ("millennial",)


def test_nothing_is_loaded_for_a_language_a_post_is_not_in():
    code = ("import sys\nfrom compliance import Checker\n"
            "Checker.default().check('The launch went well, thanks team', lang='en')\n"
            "print(sorted(m for m in ('islenska', 'lemmagen3', 'simplemma') if m in sys.modules))\n"
            "Checker.default().check('Takk fyrir daginn, öll sömul', lang='is')\n"
            "print(sorted(m for m in ('islenska', 'lemmagen3', 'simplemma') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:2] == ["[]", "['islenska']"]
