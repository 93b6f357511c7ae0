"""Disguised words, each kind seen through with its exact span, and the look-alikes of
disguises (numbers, dates, codes, versions, addresses) left alone."""
import pytest
from hypothesis import example, given, settings, strategies as st

from compliance import Checker
from compliance.normalize.fold import fold, fold_word
from compliance.normalize.hashtags import segments
from compliance.normalize.translit import latin_forms, to_cyrillic

POLICY = "policy: model-policy\n"


def _pack(tmp_path, lang: str, terms: list[str], category: str = "profanity") -> Checker:
    path = tmp_path / f"{lang}-{category}.yaml"
    path.write_text(f"pack: t-{lang}\n{POLICY}lang: {lang}\nrules:\n  - id: t.{lang}.words\n"
                    f"    category: {category}\n    cite: conduct.language\n    message: m\n"
                    f"    terms: [{', '.join(terms)}]\n", encoding="utf-8")
    return Checker.from_packs([path], builtin=False)


def _spans(checker: Checker, text: str, lang: str | None, category: str | None = None) -> list[tuple[int, int, str]]:
    report = checker.check(text, lang=lang)
    for v in report.violations:
        assert v.match == text[v.start:v.end]
    return [(v.start, v.end, v.match) for v in report.violations if category in (None, v.category)]


@pytest.mark.parametrize("text,lang,match", [
    # a symbol for one letter, the censor's stars, a word the tokenizer cut at its symbols
    ("That went f@cking well", "en", 'f@cking'),
    ("F*** yeah, we won!", "en", 'F***'),
    ("What a c*nt of a day", "en", 'c*nt'),
    ("Oh sh!t, the build", "en", 'sh!t'),
    ("Life is a b!tch sometimes", "en", 'b!tch'),
    ("What the f-ck happened", "en", 'f-ck'),
    ("This f**king printer", "en", 'f**king'),
    ("He is an ash0le, honestly", "en", 'ash0le'),          # digit and a dropped double letter
    # diacritics that are no letter of the post's language, and letters of other scripts
    ("The fück is this", "en", 'fück'),
    ("That fùcking VPN again", "en", 'fùcking'),
    ("What the fսck", "en", 'fսck'),                       # Armenian ս
    ("Ꮪhit happens", "en", 'Ꮪhit'),                         # Cherokee Ꮪ among Latin letters
    ("ᏚᎻᎥᎢ happens", "en", 'ᏚᎻᎥᎢ'),                         # a whole word in Cherokee lookalikes
    ("𝐟𝐮𝐜𝐤 Mondays", "en", '𝐟𝐮𝐜𝐤'),
    ("ｓｈｉｔ happens", "en", 'ｓｈｉｔ'),
    ("fu\u200bck this", "en", 'fu\u200bck'),
    ("Bullshiiiit again", "en", 'Bullshiiiit'),
    # oaths of other languages with one letter masked, or written without their diacritics
    ("Kakšno sr*nje danes", "sl", 'sr*nje'),
    ("Еј, пи*ка една", "mk", 'пи*ка'),
    ("ח*רא של יום", "he", 'ח*רא של'),
    ("Helvitis vesen í dag", "is", 'Helvitis'),
    ("Каков и́диот од возач", "mk", 'и́диот'),                 # a stress mark on a Cyrillic letter
])
def test_disguises_are_seen_through_with_exact_spans(checker, text, lang, match):
    start = text.index(match)
    assert (start, start + len(match), match) in _spans(checker, text, lang)


def test_symbols_for_letters_need_a_listed_word(tmp_path):
    checker = _pack(tmp_path, "en", ["ass"])
    assert _spans(checker, "Move your a$$ and @ss, a**", "en") == [(10, 13, "a$$"), (18, 21, "@ss"), (23, 26, "a**")]
    # digits need two real letters beside them, and a price is no word
    assert _spans(checker, "Seat A55, price $55", "en") == []


def test_censored_words_stand_for_profanity_only(checker):
    found = checker.check("F*** off", lang="en").violations
    assert {v.category for v in found} == {"profanity"}


@pytest.mark.parametrize("text,lang,match", [
    ("הַתּוֹסָף מְרַפֵּא הכול, לְעָזָאזֵל", "he", "לְעָזָאזֵל"),    # pointed text
    ("מזדיינ כל הבוקר עם הקובץ", "he", 'מזדיינ'),            # non-final נ at the end
    ("לא שמים זינ על הלקוחות", "he", 'זינ'),
])
def test_hebrew_points_and_final_letters(checker, text, lang, match):
    start = text.index(match)
    assert (start, start + len(match), match) in _spans(checker, text, lang)


def test_hebrew_points_are_folded_away():
    folded = fold("הַתּוֹסָף")
    assert folded.text == "התוסף"
    assert folded.to_original(0, 5) == (0, 9)


def test_a_diacritic_letter_of_the_language_is_no_disguise(tmp_path):
    # 'šok' is a Slovenian word; 'sök' is no word of Slovenian, so it may hide 'sok'
    checker = _pack(tmp_path, "sl", ["sok"])
    assert _spans(checker, "To je bil pravi šok", "sl") == []
    assert _spans(checker, "Kakšen sök", "sl") == [(7, 10, "sök")]
    # Icelandic 'á' is a letter: 'fáni' (flag) is a word and does not read as 'fani'
    checker = _pack(tmp_path, "is", ["fani"])
    assert _spans(checker, "Nýr fáni við höfnina", "is") == []


@pytest.mark.parametrize("tag,lang,words", [
    ("#fuckmondays", "en", ["fuck"]),
    ("#thisisbullshit", "en", ["bullshit"]),
    ("#sranjedanes", "sl", ["sranje"]),
    ("#helvítisvesen", "is", ["helvítis"]),
    ("#срањеоддржава", "mk", ["срање"]),
    ("#חראשליום", "he", ["חרא"]),
])
def test_lowercase_hashtags_split_in_every_language(checker, tag, lang, words):
    lexicon = checker.pipeline(lang).get_pipe("compliance_matcher").setup.lexicon
    body = tag[1:]
    pieces = [body[s:e] for s, e in segments(body, lexicon.vocabulary, lexicon.keys_for)]
    assert set(words) <= set(pieces)
    text = f"Ugh {tag}"
    assert _spans(checker, text, lang)  # the tag is reported


@pytest.mark.parametrize("tag", ["#scunthorpe", "#penisland", "#expertsexchange", "#therapistfinder",
                                 "#cumbriacrafts", "#analysisparalysis"])
def test_hashtags_hide_no_listed_word_inside_an_unknown_one(checker, tag):
    assert _spans(checker, f"Visit {tag} today", "en") == []


def test_hashtag_split_needs_every_piece_known(checker):
    lexicon = checker.pipeline("en").get_pipe("compliance_matcher").setup.lexicon
    assert segments("scunthorpe", lexicon.vocabulary, lexicon.keys_for) == [(0, 10)]
    assert segments("bullshitbingo", lexicon.vocabulary, lexicon.keys_for) == [(0, 8), (8, 13)]


def test_macedonian_latin_forms_follow_cyrtranslit_and_online_spellings():
    assert latin_forms("шибан") == ["šiban", "shiban", "siban"]
    assert set(latin_forms("ќе")) == {"ḱe", "kje", "ke"}
    assert {"gjubre", "djubre"} <= set(latin_forms("ѓубре"))


def test_latin_macedonian_reads_back_into_cyrillic_with_offsets():
    text = "Nashiot shef, chekam!"
    view = to_cyrillic(text, lambda readings: 0)
    assert view.text == "Нашиот шеф, чекам!"
    assert text[slice(*view.to_original(0, 6))] == "Nashiot"
    assert text[slice(*view.to_original(12, 17))] == "chekam"


@pytest.mark.parametrize("text,spans", [
    ("Pak ne raboti internetot, ebi ga, cela nedela istoto.", ["ebi"]),
    ("Vekje dva casa cekam na linija, mamicata vi, kreteni eden!", ["mamicata vi", "kreteni"]),
    ("Ugh, the printer is broken again, ebi ga.", ["ebi"]),       # one oath in an English post
    ("kus emek, ha-otobus shuv lo higia la-tachana", ["kus emek"]),
    ("Ha-menahel ha-chadash hu metumtam legamrei", ["metumtam"]),
])
def test_romanised_macedonian_and_hebrew_are_checked_with_their_rules(checker, text, spans):
    found = [m for _, _, m in _spans(checker, text, None)]
    for span in spans:
        assert span in found


@pytest.mark.parametrize("text", [
    "Utre ke imame promocija na novite proizvodi vo Kumanovo, dojdete!",
    "Kurs po programiranje za pocetnici, sekoj vtornik vo nasata kancelarija.",
    "Boker tov! kos kafe ve-ugat shokolad ba-snif ha-chadash",
    "Great day at the Kumanovo plant, thanks team!",
])
def test_romanised_posts_with_nothing_wrong_stay_clean(checker, text):
    assert checker.check(text).violations == ()


def test_ordinary_latin_posts_are_not_read_as_romanised(checker):
    for text, lang in [("We shipped the new release today and customers love it.", "en"),
                       ("Danes smo odprli novo trgovino v Kranju, vabljeni!", "sl"),
                       ("Við opnuðum nýja verslun á Akureyri í dag.", "is")]:
        assert checker.romanised.segments(text, lang) == []


# Things that look like disguises and are not: they must never spell a listed word.
_DIGITS = st.integers(min_value=0, max_value=10**9).map(str)
_NOT_WORDS = st.one_of(
    _DIGITS,
    st.tuples(st.sampled_from("$€£"), st.integers(0, 99999), st.integers(0, 99)).map(lambda t: f"{t[0]}{t[1]}.{t[2]:02d}"),
    st.dates().map(lambda d: st.sampled_from([d.isoformat(), d.strftime("%d.%m.%Y"), d.strftime("%d/%m/%y"),
                                              d.strftime("%d. %m.")])).flatmap(lambda s: s),
    st.tuples(st.integers(0, 20), st.integers(0, 99), st.integers(0, 999)).map(lambda t: f"v{t[0]}.{t[1]}.{t[2]}"),
    st.tuples(st.integers(0, 9), st.integers(0, 9), st.sampled_from(["alpha", "beta", "rc"]), st.integers(1, 9))
      .map(lambda t: f"{t[0]}.{t[1]}-{t[2]}-{t[3]}"),
    st.from_regex(r"\A[A-Z]{1,3}-?[0-9]{2,6}[A-Z]?\Z"),           # order, part and ticket codes
    st.from_regex(r"\A[0-9]{1,4}[A-Z]{1,2}[0-9]{0,4}\Z"),         # 4x4, 3D, 12B7
    st.from_regex(r"\A[a-z]{2,8}\.[a-z]{2,8}[0-9]{0,4}@[a-z]{3,8}\.(?:com|org|net|si|is|mk)\Z"),
    st.from_regex(r"\Ahttps?://(?:www\.)?[a-z]{3,10}\.(?:com|org|si)/[a-z0-9]{1,8}(?:\?id=[0-9]{1,6})?\Z"),
    st.from_regex(r"\A#[A-Za-z]{2,10}[0-9]{1,4}\Z"),               # #Volitve2026, #Q3
)


@settings(deadline=None)
@given(_NOT_WORDS, st.sampled_from(["en", "sl", "is", "mk", "he"]))
@example("CCC00", "en")  # one letter stretched and two zeros once read as the listed "coo"
@example("4AA", "en")    # and "aaa" shortened to the "a" that a pattern names
@example("100", "en")
def test_numbers_codes_and_addresses_are_never_read_as_disguised_words(checker, token, lang):
    lexicon = checker.pipeline(lang).get_pipe("compliance_matcher").setup.lexicon
    # Read as itself at most: "100" is a word of "100% natural", never a disguise of another.
    word = fold_word(token)
    assert set(lexicon.keys_for(word)) <= {word}
    text = f"Ref {token} noted."
    for v in checker.check(text, lang=lang).violations:
        assert checker.rule_set.rule(v.rule).kind == "regex", (token, v)


_DISGUISED = st.sampled_from(["F***", "f@cking", "c*nt", "sh!t", "fսck", "fück", "ash0le", "ᏚᎻᎥᎢ", "f-ck",
                              "sr*nje", "пи*ка", "ח*רא", "לְעָזָאזֵל", "זינ", "ebi ga", "kus 3mek", "#fuckmondays"])
_FILLER = st.text(alphabet=st.sampled_from(list("abc xyz.,!?-*@#$\u200b\u05b0é0123\n🙂ש")), max_size=12)


@settings(deadline=None)
@given(st.lists(st.tuples(_FILLER, _DISGUISED), min_size=1, max_size=4),
       st.sampled_from([None, "en", "sl", "mk", "he"]))
def test_findings_in_disguised_text_point_at_the_text_as_written(checker, parts, lang):
    text = "".join(f"{filler} {word} " for filler, word in parts)
    for v in checker.check(text, lang=lang).violations:
        assert v.match == text[v.start:v.end]
        assert v.line == text[:v.start].count("\n") + 1


@pytest.mark.parametrize("text,lang", [
    ("Ｆuck yоu, Kevin", "en"),                             # a fullwidth F and a Cyrillic о in "you"
    ("הַמְּנַהֵל שֶׁלִּי בֶּן זוֹנָה, שׁוּב בִּטֵּל לִי אֶת הַחֻפְשָׁה", "he"),  # niqqud on the possessive too
])
def test_the_plain_words_of_a_pattern_are_read_as_folded(checker, text, lang):
    # A pattern's LOWER words ("you", "שלי") are read through the same folding as its listed
    # words, so a disguise on the small word does not hide the insult.
    assert {"insult", "profanity"} <= {v.category for v in checker.check(text, lang=lang).violations}


@pytest.mark.parametrize("text,rule,match", [
    ("Another 14-hour day thanks to our supervisor. #UselessPrick", "en.insult.directed-profanity", "UselessPrick"),
    ("Coach parked across the bay again #DamnTourist", "en.insult.directed-profanity", "DamnTourist"),
])
def test_token_patterns_read_the_words_inside_a_hashtag(text, rule, match):
    found = [v for v in Checker.default().check(text, lang="en").violations if v.rule == rule]
    assert [v.match for v in found] == [match]
    assert all(text[v.start:v.end] == v.match for v in found)


@pytest.mark.parametrize("text, lang, rule, match", [
    # Regexes read a hashtag's words and a word spelled out letter by letter.
    ("New season, new trainers #BestTrainersEver", "en", "en.unverified.superlative", "BestTrainersEver"),
    ("Move my knife again and you get s t a b b e d, not even joking", "en", "en.taboo.violence", "s t a b b e d"),
    # A pattern written for the hashtag as it stands still finds it.
    ("Town hall ran long again. #VoteRed2026", "en", "en.taboo.politics", "#VoteRed2026"),
])
def test_regexes_read_hashtags_and_spelled_out_words(checker, text, lang, rule, match):
    found = [(v.rule, v.match) for v in checker.check(text, lang=lang).violations]
    assert (rule, match) in found, found


def test_a_regex_written_for_the_spelled_out_form_still_excuses_it(checker):
    # mk.profanity.vulgar's `unless` regex knows 'д е б и л' spelled out is not its stem 'еб'.
    found = {v.rule for v in checker.check("Новиот тим-лидер е прав д е б и л, ама ...", lang="mk").violations}
    assert "mk.insult.names" in found and "mk.profanity.vulgar" not in found


def _readable_text(checker, text, lang="en"):
    from compliance.normalize.readable import readable

    lexicon = checker.pipeline(lang).get_pipe("compliance_matcher").setup.lexicon
    view = readable(fold(text, casefold=False), lexicon)
    return view


def test_regexes_read_a_disguised_word_as_the_word_it_spells(checker):
    view = _readable_text(checker, "Who wants to k!ll him? P@ssw0rd is Till1234, what $hit")
    assert view.text == "Who wants to kill him? Password is Till1234, what shit"
    start = view.text.index("kill")
    assert view.to_original(start, start + 4) == (13, 17)
    assert [v.match for v in checker.check("I'll k!ll him if he's late again", lang="en").violations
            if v.category == "taboo-topic"]


@pytest.mark.parametrize("text", ["Q3 results, B2B, COVID-19, mp3 and x86 builds", "v2.0 ships at 5am, see me@home.example",
                                  "@handle #tag 4x4 R2D2 Till1234 SW1Y 5BL", "C# and F# devs, 2FA codes, A1 sauce, 3M tape"])
def test_codes_numbers_and_addresses_are_not_read_as_disguised_words(checker, text):
    assert _readable_text(checker, text).text == fold(text, casefold=False).text
