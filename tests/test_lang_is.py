"""Icelandic packs on whole posts: the families a rule's own examples cannot show together
(a directed oath is profanity and insult at once, a number that ends a sentence, senses that
keep a negated, quoted or sourced claim clean)."""
import pytest
import support


def found(checker, text):
    return support.findings(checker, text, "is")


def categories(checker, text):
    return support.categories(checker, text, "is")


@pytest.mark.parametrize("text", [
    "Fokkaðu þér, ég nenni ekki þessu tuði.",
    "Farðu til andskotans með þessa pöntun!",
    "Hann er algjör tussa við nýliðana.",
    "Þessi fokking hálfviti lagði í stæðið mitt.",
    "F*kk jú, segi ég við hann.",
])
def test_profanity_aimed_at_a_person_is_also_an_insult(checker, text):
    assert {"profanity", "insult"} <= categories(checker, text)


@pytest.mark.parametrize("text", [
    "Fokk, rútan er sein aftur.",
    "Helvítis rigningin eyðilagði grillið.",
])
def test_profanity_aimed_at_a_thing_is_profanity_only(checker, text):
    assert categories(checker, text) == {"profanity"}


@pytest.mark.parametrize("text, number", [
    ("Ef þið náið ekki í Hönnu þá er einkasíminn hennar 867 3321.", "867 3321"),
    ("Sendu honum skilaboð í +354 698 2210.", "+354 698 2210"),
])
def test_a_private_phone_that_ends_the_sentence_is_reported_whole(checker, text, number):
    assert number in {v.match for v in found(checker, text) if v.category == "personal-data"}


@pytest.mark.parametrize("text", [
    "Við lofum engri ávöxtun, fyrri árangur segir ekkert um framtíðina.",
    "Samkvæmt spá Seðlabankans gætu vextir lækkað á næsta ári.",
    "Í siðareglunum stendur: „segi ekki meira“ er aldrei afsökun fyrir leka.",
    "Tíkin hún Lukka eignaðist fjóra hvolpa um helgina.",
    "Innilegar hamingjuóskir til Jóns sem fékk réttindi til málflutnings fyrir Landsrétti.",
    "Flytja glugga yfir á vinnusvæði 4",
    "Fornnorræna (u.þ.b. 800-1350) er kennd á haustönn.",
    "Jólabjórinn verður kynntur á föstudag en við opnum klukkan 16 eins og venjulega.",
    "Félagið var stofnað 3. mars 1998 og á því afmæli í dag.",
    "Við fordæmum árásina og hugur okkar er hjá fórnarlömbunum.",
])
def test_negated_quoted_sourced_and_everyday_senses_stay_clean(checker, text):
    assert not found(checker, text)


@pytest.mark.parametrize("text, category", [
    ("Íbúðaverð í Hveragerði mun hækka um 25% á næstu tveimur árum.", "unverified-claim"),
    ("Nýja úrið sem kemur í haust er frábært, þið heyrðuð þetta ekki frá mér 🤫", "confidential"),
    ("Wifi lykilorðið er komið upp á töflu: F j a r k i 2 2 !", "confidential"),
    ("Netfangið hennar er anna.b [hjá] gmail [punktur] com", "personal-data"),
    ("Og Baldur í bókhaldinu er með 1,4 milljónir á mánuði.", "personal-data"),
    ("Kristur er eina leiðin til frelsunar, komið til hans í dag.", "taboo-topic"),
    ("Starfsmennirnir hjá birginum eru upp til hópa vanhæfir.", "insult"),
    ("Haldið þessu út af fyrir ykkur fram á fimmtudag.", "confidential"),
    ("Uppgjörið verður birt á föstudag en hagnaðurinn er 250 milljónir.", "confidential"),
    ("Tölurnar eru á intranet.hafgola.is/arsfjordungur, kíkið.", "confidential"),
    ("Dagný er fædd 9. október 1991.", "personal-data"),
])
def test_concept_families_in_words_the_packs_do_not_list(checker, text, category):
    assert category in categories(checker, text)
