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


def rules(checker, text):
    return {v.rule for v in found(checker, text)}


# Packs list dictionary forms; BÍN gives every inflected form. Each post uses a form that no
# pack writes out.
@pytest.mark.parametrize("text, rule", [
    ("Ég nenni ekki að svara þessum bjánunum á verkstæðinu.", "is.insult.name-calling"),
    ("Við fengum enga afsökun frá lygurunum hjá leigufélaginu.", "is.insult.name-calling"),
    ("Drullusokkarnir sem rispuðu bílinn létu sig hverfa.", "is.insult.everyday-sense"),
    ("Svona tal um hórurnar í miðbænum á ekki heima hér.", "is.profanity.strong"),
    ("Tíkunum í stjórninni er alveg sama um okkur.", "is.profanity.bitch"),
    ("Þetta voru dónalegustu afgreiðslumennirnir sem ég hef kynnst.", "is.insult.worst-person"),
    ("Til hamingju með að vera lélegustu bílstjórarnir á landinu.", "is.insult.worst-person"),
    ("Hann Arnar á verkstæðinu kemur úr fæðingarorlofinu í apríl.", "is.personal-data.health"),
    ("Sáttatilboðsins í málinu gegn verktakanum er beðið, segir lögmaðurinn.", "is.taboo-topic.litigation-court"),
    ("Innanhúss vissum við þetta strax í vor.", "is.confidential.hush"),
    ("Getum ekki sagt of mikið en þetta verður stórt.", "is.confidential.hush"),
    ("Hér eru launatölurnar, deildu þeim ekki.", "is.confidential.do-not-spread"),
])
def test_inflected_forms_of_listed_dictionary_forms_match(checker, text, rule):
    assert rule in rules(checker, text)


@pytest.mark.parametrize("text, category", [
    # indirect insults: sarcastic praise, a coined compound, a whole group
    ("Þú ert ömurlegasti sölumaður sem ég hef talað við, Jónas.", "insult"),
    ("Nöldurkallinn í íbúð 4 hringdi aftur í lögregluna.", "insult"),
    ("Unglingar nenna aldrei að vinna, það vita allir.", "insult"),
    ("Starfsfólkið hjá Hraðsendingum er upp til hópa vanhæft.", "insult"),
    # threats that name no blow
    ("Ef þeir hækka leiguna einu sinni enn brenni ég húsið þeirra.", "taboo-topic"),
    ("Hann fær einn á lúðurinn ef hann mætir aftur.", "taboo-topic"),
    # drugs in slang, party support in every phrasing
    ("Mættum með hass og reyktum það allt í bústaðnum.", "taboo-topic"),
    ("Fékk mér jónu eftir vaktina, þvílík slökun.", "taboo-topic"),
    ("Kjosum Framsokn i vor, hun hefur stadid sig.", "taboo-topic"),
    ("Allir á kjörstað! #xv", "taboo-topic"),
    ("Við á stofunni styðjum S-listann í vor.", "taboo-topic"),
    # claims without a source
    ("Sterkasta kaffivél sem hönnuð hefur verið kemur í haust.", "unverified-claim"),
    ("Nýtt bakarí í Vesturbænum 🥐 #FerskustuKleinurnarÍBænum", "unverified-claim"),
    ("Samkvæmt áreiðanlegum heimildum er Ferðaskrifstofa Vesturlands að fara á hausinn.", "unverified-claim"),
    ("Rafkerfið hjá þeim hrynur 20 sinnum á mánuði.", "unverified-claim"),
    ("Leggðu 2.000 kall á KR, vís sigur, stuðullinn er 1,9.", "unverified-claim"),
    ("Bænin læknar líka kvíða, komdu á samkomuna.", "unverified-claim"),
    # secrecy cues, private circumstances of named people
    ("Hér eru verðin fyrir næsta ár, ekki dreifa þeim.", "confidential"),
    ("Vissuð þið að Sigurður í tæknideildinni er með 1.150.000 kr. á mánuði?", "personal-data"),
    ("Hringið í Söru í 7 7 2 - 1 9 0 4 ef þið viljið miða.", "personal-data"),
])
def test_concept_families_in_new_wordings(checker, text, category):
    assert category in categories(checker, text)


@pytest.mark.parametrize("text", [
    "Vantar þig drullusokk? 🪠 Lagnadeildin okkar á nóg til á 1.490 kr.",
    "Leikfélagið frumsýnir „Fíflið á fjallinu“ í félagsheimilinu 3. mars.",
    "Tíkin hún Lotta er nýi móttökustjórinn á dýraspítalanum 🐕",
    "Nýbakað brauð alla daga ☕ Komdu við á Hafnarstræti 12 á Akureyri.",
    "Kjördagur er 30. nóvember, kjörstaðir eru opnir frá 9 til 22.",
    "Kjósið um nafnið á nýju kaffiblöndunni fyrir 30. nóvember!",
    "Við erum EKKI að loka versluninni á Hvolsvelli, orðrómurinn er rangur.",
    "Verkefnið S-Ó-L-D-Ö-G-G fer í prófun í maí, kynningin er fyrir fjárfesta.",
    "Áfram Ísland! Leikurinn er í kvöld og kosning um mann leiksins eftir leik.",
    "Öruggur sigur Stjörnunnar á Val í gær, til hamingju!",
    "Við kveikjum í grillinu klukkan sex, allir velkomnir!",
    "Ég myndi drepa fyrir góðan kaffibolla núna.",
    "Kók og prins póló í nestinu, klassík.",
    "Slóum grasið og reyktum svo silung í reykkofanum.",
    "Læknar allra deilda mæta á ráðstefnuna í Hörpu.",
    "Við heyrðum frá mörgum ykkar í vikunni, takk fyrir.",
    "Þetta er kóðinn þinn, ekki deila honum með neinum.",
    "Versta veðrið er búið og vegirnir opna aftur.",
    "Sumir ferðamenn kunna ekki á hringtorgin, sýnum þolinmæði.",
])
def test_everyday_senses_negations_and_names_stay_clean(checker, text):
    assert not found(checker, text)


@pytest.mark.parametrize("text, match", [
    # stretched in two places: each run read as one or two letters
    ("Fooookkkk hvað þessi fundur var langur.", "Fooookkkk"),
    # a phone written with a space or a dash between every digit is reported whole
    ("Heyrið í Gunnu á 6 9 9 - 4 2 1 8 í kvöld.", "6 9 9 - 4 2 1 8"),
])
def test_disguises_are_reported_with_their_exact_span(checker, text, match):
    assert match in {v.match for v in found(checker, text)}
