"""Slovenian packs: each concept family behaves as a family, not as single lines. Every case is
a post in our own words; the assertions are about categories, spans and offsets."""
import pytest
import support


def _findings(checker, text):
    return support.findings(checker, text, "sl")


def _categories(checker, text):
    return support.categories(checker, text, "sl")


@pytest.mark.parametrize("text", [
    "Ti si pa res navaden pizdun, spet si zasedel moje mesto.",
    "Novi vodja izmene je en pravi kurac, nihče ga ne prenese.",
    "Jebeni kolesarji spet vozijo po pločniku pred trgovino.",
    "Če ti ni všeč, jebi se.",
    "J3bi se, v soboto ne delam.",              # disguised: the pattern reads what the token spells
    "Odjebite s temi anketami o zadovoljstvu.",
    "Kupci, ki kričijo na blagajničarke, so prave kurbe.",
])
def test_profanity_aimed_at_people_is_also_an_insult(checker, text):
    assert {"profanity", "insult"} <= _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Ta novi skener je čisto sranje.",
    "Jebiga, bomo pa jutri znova poskusili.",
    "Jebemti, kakšna gneča na ljubljanski obvoznici.",
    "Vse skupaj je šlo v kurac, ker je padla elektrika.",
    "Prekleti ponedeljek, spet sneži.",
])
def test_profanity_aimed_at_a_thing_or_a_day_is_profanity_only(checker, text):
    assert _categories(checker, text) == {"profanity"}


@pytest.mark.parametrize("text", [
    "Spet so nam poslali nesposobne milenijce iz agencije.",
    "Uradniki na upravni enoti so pač butasti.",
    "Tisti osel Kovač spet ni poslal poročila.",
    "Ti si res najbolj zoprna krava v celi ekipi.",
    "Vozniki iz sosednje občine so pravi kmetje za volanom.",
    "Ko jih kaj vprašaš, te gledajo kot tele v nova vrata.",
    "Ženske v logistiki? Naj raje ostanejo doma pri otrocih.",
    "Naš novi serviser je en debeluh, ki ne pride skozi vrata.",
])
def test_demeaning_words_and_idioms_about_people_are_insults(checker, text):
    assert "insult" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Na ekološki kmetiji ima vsaka krava svoje ime.",
    "Kmetje z Bohinjskega bodo v soboto na tržnici prodajali sir.",
    "Neumorni delavci so progo obnovili v enem vikendu.",
    "Dobrodošel v ekipi, Luka Debeljak!",
    "Ženske v IT so pri nas dobrodošle, prijave so odprte do petka.",
    "Na pohodu smo prečkali Hudičev most nad Tolminko.",
])
def test_innocent_senses_of_insult_and_oath_words_pass(checker, text):
    assert _categories(checker, text) == set()


@pytest.mark.parametrize("text", [
    "Novi sesalnik, ki ga lansiramo šele aprila, ima dvojno baterijo.",
    "Letni rezultati gredo ven šele v torek, lahko pa že izdam, da so rekordni.",
    "Psst, na internem sestanku so povedali, da zapiramo poslovalnico v Ptuju.",
    "Posel s hrvaškim partnerjem še ni podpisan, gre pa za 30 milijonov.",
    "Javnost še ne ve, da selimo proizvodnjo v Maribor.",
    "Prosojnice so na intranet.podjetje.si/strategija, poglejte jih.",
])
def test_secrecy_cues_and_time_bound_disclosures_are_confidential(checker, text):
    assert "confidential" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Psst, jutri je Tinin rojstni dan, torto skrijte v hladilnik.",
    "Rezultate nagradne igre objavimo šele v petek, srečno vsem!",
    "Barva je primerna za notranjo uporabo v suhih prostorih.",
])
def test_everyday_whispers_and_indoor_use_are_not_confidential(checker, text):
    assert "confidential" not in _categories(checker, text)


@pytest.mark.parametrize("claim, clean", [
    ("Naša kava je najboljša v Sloveniji.", "Naša kava ni najboljša v Sloveniji, je pa domača."),
    ("Donos sklada je zajamčen.", "Donos sklada ni zajamčen, preberite prospekt."),
    ("Od kolegice vem iz prve roke, da se trgovina zapira.",
     "Po poročanju STA (sta.si) se trgovina zapira do konca leta."),
    ("Ta sirup pozdravi prehlad v dveh dneh.", "V naših smernicah piše, da ne trdimo, da sirup »pozdravi prehlad v dveh dneh«."),
])
def test_negated_sourced_or_quoted_claims_pass(checker, claim, clean):
    assert "unverified-claim" in _categories(checker, claim)
    assert "unverified-claim" not in _categories(checker, clean)


@pytest.mark.parametrize("text", [
    "Vložite danes, povsem brez tveganja!",
    "V desetih letih nismo zamudili niti enega roka.",
    "Kdor zdaj ne vloži, bo obžaloval.",
])
def test_claims_worded_as_a_negation_still_count(checker, text):
    assert "unverified-claim" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Stranke, ki ne plačajo, bi bilo treba postreliti.",
    "Če še enkrat zamudi, mu zlomim obe roki.",
    "Glas za NSi je glas za podjetnike.",
    "Zato jo kot podjetje podpiramo na volitvah.",
    "Jezus je edina pot do odrešenja, pridite v nedeljo.",
    "Gremo žurat, kdo ima k0ko?",
    "Stavite na finale s kodo PISARNA10 in dobite bonus.",
])
def test_taboo_families(checker, text):
    assert "taboo-topic" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Lani si je zlomil nogo na smučišču, zdaj spet teče.",
    "Naše skrivno orožje je domača gorčica.",
    "Otroška igralnica v centru je odprta od 9. ure.",
    "Zastava na drogu pred stavbo je nova.",
    "Webinar: kako ravnati, ko prejmete tožbo od dobavitelja?",
    "Uporaba prepovedanih drog je razlog za takojšnjo odpoved.",
    "V nedeljo so volitve, poslovalnice bodo odprte do 13. ure.",
])
def test_everyday_senses_of_taboo_words_pass(checker, text):
    assert "taboo-topic" not in _categories(checker, text)


@pytest.mark.parametrize("text, number", [
    ("Če se izgubite, pokliči me na 031 555 666.", "031 555 666"),
    ("Za vprašanja jo pokličite na +386 41 222 333.", "+386 41 222 333"),
    ("Za info pokličite Petro na 040 777 888.", "040 777 888"),
])
def test_private_phones_at_the_end_of_a_sentence_are_reported_whole(checker, text, number):
    phones = [v.match for v in _findings(checker, text) if v.category == "personal-data"]
    assert phones == [number]


@pytest.mark.parametrize("text", [
    "Rezervacije sprejemamo na 01 200 30 40, vsak dan od 8. do 16. ure.",
    "Ste v stiski? Pokličite na 01 520 99 00, non-stop.",
])
def test_published_lines_are_not_personal_data(checker, text):
    assert "personal-data" not in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Ne zamerite Tini, sredi ločitve je in bije boj za skrbništvo nad hčerko.",
    "Bivši sodelavec nas toži, čeprav je že tako v dolgovih do vratu.",
    "Kdo je pustil tabelo s plačami na tiskalniku? Jure 2.400 €, Maja 2.150 €.",
    "Vse najboljše, Nika! Rojena 14. 2. 1991, pa še vedno najmlajša.",
    "Stranka Janez Horvat, Vojkova 12, Koper, nam že drugič vrača kolo.",
    "Od marca bo Luka imel 3.200 € bruto.",
])
def test_private_circumstances_of_a_named_person_are_personal_data(checker, text):
    assert "personal-data" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Polje je zaporedje praznih znakov, ki mu sledi zaporedje nepraznih znakov.",
    "Naslednji paketi imajo nerešene odvisnosti.",
    "Datum in čas sta v izpisu ločena s presledkom.",
    "Zaradi del bo Celovška cesta do petka pod popolno zaporo.",
    "Ustanovljeni smo bili 12. 4. 1995 v garaži v Šentjurju.",
])
def test_interface_and_company_text_is_not_personal_data(checker, text):
    assert "personal-data" not in _categories(checker, text)


@pytest.mark.parametrize("text", [
    # every case and number of the listed dictionary forms, said of people
    "Tisti dve kravi z blagajne spet nista zaklenili blagajne.",
    "Ta dva osla iz nabave sta naročila napačne palete.",
    "Ne bom več delal s temi kozami iz marketinga.",
    "Šef je pravi osel.",
    "Oni so navadne krave, ki samo klepetajo.",
    "Kakšen bedak je to napisal?",
    "Ne odgovarjam več bedakom iz uprave.",
    "S kretenom iz servisa se ne pogovarjam.",
    "Dva kretena sta mi zaprla uvoz.",
    "Idiotoma iz IT-ja je spet padel strežnik.",
    "Z idioti ne delamo.",
    # typed without diacritics
    "Ta nova sodelavka je cisto navadna koza.",
])
def test_derogatory_nouns_match_in_every_case_and_number(checker, text):
    assert "insult" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Nova vodja nabave je navadna prasica, vse nam je prepovedala.",
    "Ti prasec, kdo ti je dal moj ključ?",
])
def test_prasica_said_of_a_person_is_profanity_and_insult(checker, text):
    assert {"profanity", "insult"} <= _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Na naši kmetiji imamo dve kravi in tri koze, mleko je v trgovini.",
    "Prasica na kmetiji je povrgla dvanajst pujskov.",
    "Naša krema za suho koze (brez diakritike) je na zalogi.",
    "Čestitamo sodelavcu Mihi Kurbusu za napredovanje!",
    "Čestitke Tadeju Kravanji za deset let pri nas.",
    "Koncert bo v palači Kazina na Kongresnem trgu.",
])
def test_farm_animals_surnames_and_places_pass(checker, text):
    assert _categories(checker, text) == set()


@pytest.mark.parametrize("text", [
    "Računovodstvo je spet dokazalo, da možgani niso obvezna oprema.",
    "Vozniki na obvoznici so ovce brez možganov.",
    "Ženske pač ne znajo voziti tovornjaka.",
    "Upokojenci itak ne razumejo spletne banke.",
    "Štajerci so pač vsi skopuhi.",
])
def test_indirect_insults_and_stereotypes_are_insults(checker, text):
    assert "insult" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Mnogi upokojenci ne razumejo spletne banke, zato vabimo na brezplačen tečaj.",
    "Možgani potrebujejo dovolj spanja, pravijo nevrologi.",
])
def test_statements_about_groups_and_brains_that_help_pass(checker, text):
    assert "insult" not in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Kdor še enkrat pusti umazan pekač, bo končal v Savi.",
    "Tega dostavljavca bom nabil, pristal bo na urgenci.",
    "Ubila ga bom, če mi še enkrat vzame kavo.",
    "Naj ga kap, tistega, ki je opraskal službeni avto.",
    "Gremo na teraso, kdo prižge joint?",
    "Po koncu sprinta si zaslužimo kakšen jo\u200bint.",
    "Kdo prinese k0ks na zabavo v petek?",
    "Volite Levico, edino pravo izbiro!",
    "Spletni kazino vam podari 20 € za začetek.",
])
def test_taboo_threats_drugs_politics_gambling(checker, text):
    assert "taboo-topic" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "V nedeljo so volitve; kot podjetje ne podpiramo nobene stranke ali kandidata.",
    "Z avstrijskim partnerjem smo podpisali joint venture.",
    "Regata se bo končala na Bohinjskem jezeru.",
    "V finalu jih bomo raztrgali, pridite navijat!",
])
def test_neutral_elections_business_joints_and_sport_talk_pass(checker, text):
    assert "taboo-topic" not in _categories(checker, text)


@pytest.mark.parametrize("claim, clean", [
    ("Naši škornji ne zdrsnejo nikoli, tudi na ledu ne.", "Ne trdimo, da naši škornji ne zdrsnejo nikoli."),
    ("Serum je klinicno dokazano ucinkovit proti gubam.",
     "Po klinični študiji (mf.uni-lj.si) je serum dokazano učinkovit proti gubam."),
    ("Sveže pecivo vsako jutro #NajboljšeVMestu", "Sveže pecivo vsako jutro #DobroJutro"),
    ("Zlato bo do jeseni zagotovo nad 3.000 dolarjev.", "Ne obljubljamo, da bo zlato zagotovo nad 3.000 dolarjev."),
    ("Sodišče bo pritožbo zagotovo zavrnilo.", "Sodišče bo o pritožbi odločilo jeseni."),
    ("Pekarna čez cesto gre do poletja v stečaj.", "Kaj storiti, ko gre delodajalec v stečaj?"),
])
def test_claims_families_and_their_clean_twins(checker, claim, clean):
    assert "unverified-claim" in _categories(checker, claim)
    assert "unverified-claim" not in _categories(checker, clean)


@pytest.mark.parametrize("text", [
    "Novo blagajno lansiramo šele aprila, ampak ne širit!",
    "Pogodbo smo že podpisali, javna objava bo šele po skupščini.",
    "Na internem strateškem dnevu smo videli nov cenik za partnerje.",
    "Nova cena bo 15 €, ampak to se ni javno.",
    "Tabela s plačami celega oddelka je na skupnem disku.",
])
def test_secrecy_cues_typed_colloquially_are_confidential(checker, text):
    assert "confidential" in _categories(checker, text)


def test_a_quoted_policy_on_confidential_documents_passes(checker):
    text = "Kolega je vprašal, ali sme objaviti pogodbo. Pravilnik pravi: »Zaupni dokumenti ostanejo v pisarni.«"
    assert "confidential" not in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Sodelavec Blaž je po žuru tako zbolel, da je danes na bolniški.",
    "Nina iz prodaje bo odsotna, ker ima operacijo kolena.",
    "Naša maserka je Markovo hernijo spravila v red v enem tednu.",
    "Gospa Marta Kralj s Cankarjeve 7 v Celju je spet vrnila likalnik.",
])
def test_health_and_home_address_of_someone_named_are_personal_data(checker, text):
    assert "personal-data" in _categories(checker, text)
