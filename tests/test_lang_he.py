"""The Hebrew packs as a writer of posts meets them: profanity aimed at people is also an
insult, Hebrew written in Latin letters is read, words with an innocent sense stay clean, and
negated, quoted or sourced claims pass."""
import pytest
import support


def categories(checker, text):
    return support.categories(checker, text, "he")


def spans(checker, text, category):
    return [v.match for v in checker.check(text, lang="he").violations if v.category == category]


@pytest.mark.parametrize("text", [
    "למי שכתב עלינו ביקורת בגוגל: לך תזדיין",
    "מי שלא מרוצה מהמחירים שילך להזדיין",
    "זין עליכם ועל ההנחות שלכם",
    "אתם חתיכת חרא, ככה מתייחסים ללקוחות?",
    "תגידו לספק שלכם שהוא חתיכת חרא",
    "המנהל הזה הוא מזדיין אמיתי",
    "ya ben zona, mi chasam li et ha-chanaya?",
    "ata chatichat chara, kacha medabrim im lakocha?",
])
def test_profanity_aimed_at_people_is_also_an_insult(checker, text):
    assert {"profanity", "insult"} <= categories(checker, text)


@pytest.mark.parametrize("text", [
    "איזה חרא של יום, שלושה לקוחות ביטלו",
    "מזדיין כל הבוקר עם קובץ האקסל הזה",
    "העדכון החדש הוא חרא, מחכים לתיקון",
    "המנהל אמר שהעדכון הוא חרא מוחלט",
    "kus emek, ha-server nafal shuv",
])
def test_profanity_at_a_thing_or_a_day_is_profanity_only(checker, text):
    assert categories(checker, text) == {"profanity"}


@pytest.mark.parametrize("text, word", [
    ("kus 3mek, shtei sha'ot ba-tor", "kus 3mek"),            # leetspeak
    ("ya zоna, mi hizmin et ze?", "ya zоna"),                  # a Cyrillic о inside
    ("Ma ze ha-chara ha-ze, shuv nafal", "ha-chara"),
    ("al ha-zain ma hem choshvim", "al ha-zain"),
])
def test_latin_letter_profanity_is_found_where_it_is_written(checker, text, word):
    assert word in spans(checker, text, "profanity")


@pytest.mark.parametrize("text", [
    "הרמת כוסית לכבוד ראש השנה ביום חמישי",
    "יציקת הבטון המזוין בקומה השלישית הושלמה",
    "במוזיאון מוצגים כלי זין מימי הבית השני",
    "Welcome to Zona Rosa, our new store in Mexico City",
    "Hi Zona, thanks for visiting our shop today!",
    "Zdeno Chara signed the jerseys for our charity auction",
    "Boker tov! kos kafe rishon aleinu ba-snif",
    "הבשר השמן מתאים במיוחד לצלייה איטית",
    "בפינת החי יש קופים, חמורים ותוכים",
    "קו הייצור נעצר לשעה בגלל תקלה",
    "סיור מודרך בכלא הבריטי הישן בעכו",
    "חנות תפילין ומזוזות נפתחה ליד הסניף",
    "150 איש הולכים הביתה עם מתנה מהדוכן שלנו",
    "הקולקציה החדשה תושק בחודש הבא, הצצה ראשונה בסטורי",
])
def test_innocent_senses_stay_clean(checker, text):
    assert categories(checker, text) == set()


@pytest.mark.parametrize("text", [
    "התשואה אינה מובטחת, וכל השקעה כרוכה בסיכון",
    "אנחנו לא הכי זולים בעיר, אבל הכי טריים",
    "ההנחיות שלנו אוסרות לכתוב \"ללא סיכון\" בפרסומים",
    "הבנק המתחרה לא הולך לפשוט רגל, אלו רק שמועות",
    "לפי תחזית בנק ישראל, הריבית צפויה לרדת בחודש הבא",
])
def test_negated_quoted_and_sourced_claims_pass(checker, text):
    assert "unverified-claim" not in categories(checker, text)


@pytest.mark.parametrize("text", [
    "השקעה ללא סיכון, תתחילו היום",                       # the negation is the claim
    "המסנן שלנו אף פעם לא נכשל",
    "הרשת המתחרה הולכת לקרוס עד הקיץ",
    "ריבית הפריים יורדת בחודש הבא, זה סגור.",
    "#הכי_טעים_בעיר בואו לטעום",
    "Ha-pizza shelanu ha-chi tova ba-aretz!",
])
def test_claims_are_claims(checker, text):
    assert "unverified-claim" in categories(checker, text)


@pytest.mark.parametrize("text, number", [
    ("הנייד הפרטי שלה: 0 5 4 - 3 3 1 8 7 2 6", "0 5 4 - 3 3 1 8 7 2 6"),
    ("הנייד של רון מהמחסן: 052-7183349.", "052-7183349"),
    ("תתקשרו אליי ל-052-1234567.", "052-1234567"),
])
def test_private_phones_are_reported_whole(checker, text, number):
    assert spans(checker, text, "personal-data") == [number]


@pytest.mark.parametrize("text, span", [
    ("יוסי מהמשמרת לא יגיע, הוא במעצר בית עד הדיון", "הוא במעצר בית"),
    ("מיכל מהמכירות בהליך גירושין, תהיו עדינים", "בהליך גירושין"),
    ("יום הולדת שמח לרותם (נולדה 04.07.1990)!", "נולדה 04.07.1990"),
    ("המשכורות: שירה לוי 17,200 ₪, דן כהן 15,900 ₪", "שירה לוי 17,200 ₪"),
    ("אני יודעת איפה היא גרה: רחוב הדקל 5, ליד הגן", "גרה: רחוב הדקל 5"),
])
def test_private_circumstances_of_a_person(checker, text, span):
    assert span in spans(checker, text, "personal-data")


def test_a_company_born_on_a_date_is_not_a_birth_date(checker):
    assert categories(checker, "החברה נולדה ב-1.1.2010 במוסך קטן בחולון") == set()


@pytest.mark.parametrize("text, expected", [
    ("מצרף את רשימת המחירים לסוכנים (פנימי!)", {"confidential"}),
    ("נרכוש את רשת המתחרים ברבעון הבא, תתכוננו", {"confidential"}),
    ("אנחנו לא מפטרים אף עובד בחודש הבא, אלו שמועות", set()),
    ("העסקה עם הספק היפני עוד לא סופית, אבל זה נראה טוב", {"confidential"}),
    ("Ha-sisma la-wifi shel ha-orchim hi Orchim2025!", {"confidential"}),
])
def test_secrecy_cues_and_corporate_moves(checker, text, expected):
    assert categories(checker, text) == expected


def test_latin_password_reports_the_secret_itself(checker):
    text = "Ha-sisma la-admin shel ha-atar hi Hadar2024! al tagidu"
    assert "Hadar2024" in spans(checker, text, "confidential")


@pytest.mark.parametrize("text", [
    "עוד פעם אחת הספק מאחר ואני קובר אותו",
    "תמשיך להשמיץ אותנו ותראה מה יקרה",
    "Mashiach kvar ba! bo'u le-hanach tfilin ba-lobby",
    "kulam matzbiim Likud ba-bchirot",
    "Mesiba ba-misrad ha-erev, mishehu mevi grass?",
])
def test_taboo_topics_in_hebrew_and_latin_letters(checker, text):
    assert "taboo-topic" in categories(checker, text)


def test_a_disease_in_its_defective_spelling_is_still_a_cure_claim(checker):
    # what a pointed סֻכֶּרֶת leaves once its niqqud is removed
    assert "unverified-claim" in categories(checker, "הצמח שלנו מרפא סכרת תוך חודש")


@pytest.mark.parametrize("text, category", [
    ("שוב נתקענו עם הספק ההוא. באמת, הבחור הזה רהיט עם משכורת", "insult"),
    ("המנהל שלנו פשוט עציץ, יושב ולא עושה כלום", "insult"),
    ("השכנה מלמטה? הפרה הכי רכלנית בבניין", "insult"),
    ("והשרמוטות מהנהלת החשבונות שוב איבדו את החשבונית", "insult"),
    ("השליח מאתמול היה בן כלב מושלם", "insult"),
    ("המפגרים מהמחסן שלחו את הארגזים לאילת במקום לחיפה", "insult"),
])
def test_people_called_names_indirectly(checker, text, category):
    assert category in categories(checker, text)


@pytest.mark.parametrize("text", [
    "עציצים חדשים הגיעו למשתלה, בואו לבחור",
    "הפרה הכי שמנה במשק קיבלה פרס בתערוכה החקלאית",
    "מוכר רהיטים יד שנייה? יש לנו קונה",
    "הפרויקט המפגר בשבועיים קיבל עוד שני מפתחים",
])
def test_plants_cows_and_furniture_stay_clean(checker, text):
    assert "insult" not in categories(checker, text)


@pytest.mark.parametrize("text", [
    "הנהג שחתך אותי בכביש 6? הלוואי שיידרס",
    "הספק שברח עם המקדמה, שיירקב",
    "עוד פעם אחת הוא נוגע לי בקפה ואני חונק אותו",
    "הוא ייצא מפה על אלונקה אם יחנה שוב בכניסה",
    "ביום שלישי כולם לקלפי, וכל ההנהלה ממליצה להצביע מחל",
    "כל הצוות תומך ברון כהן לראשות העיר בבחירות",
    "בואו לשיעור תורה ביום חמישי ותגלו סוף סוף את האמת",
    "הדרבי הערב, שימו את כל החסכונות על הפועל",
])
def test_threats_curses_endorsements_faith_and_bets(checker, text):
    assert "taboo-topic" in categories(checker, text)


def test_a_curse_is_a_threat_not_an_oath(checker):
    assert categories(checker, "הנהג שחתך אותי, הלוואי שיישרף") == {"taboo-topic"}


@pytest.mark.parametrize("text", [
    "צולים את הפלפלים עד שיישרפו מבחוץ",
    "אנחנו קוברים את המתחרים במחירים, כבר שנה",
    "שוברים את הראש על החידה? הפתרון מחר",
    "יום הבחירות: כולם לקלפי, וגם אנחנו נצביע",
    "המועמדת לראשות העיר סיירה היום במפעל",
    "תגלו את האמת על המחירים שלנו, השוו בעצמכם",
    "שימו את כל הבונוס על חופשה, מגיע לכם",
])
def test_everyday_senses_of_threat_vote_and_faith_words_stay_clean(checker, text):
    assert "taboo-topic" not in categories(checker, text)


@pytest.mark.parametrize("text", [
    "אף אחד בעיר לא מכין פלאפל כמו שאנחנו מכינים",
    "הדירות בשכונה החדשה יכפילו את ערכן תוך עשור",
    "שמועה חמה מהמסדרונות: המתחרה נמכר לקרן אמריקאית",
    "חבר שעובד בבנק סיפר לי שהריבית עולה בחודש הבא, אין ספק",
    "שבועיים עם המשחה שלנו והאקזמה נעלמה לגמרי",
    "ההנהלה החדשה תוריד את העמלות ב-40% בתוך שנה",
    "Ha-humus shelanu ha-tov ba-olam, bo'u le-nasot",
])
def test_claims_said_indirectly(checker, text):
    assert "unverified-claim" in categories(checker, text)


@pytest.mark.parametrize("text", [
    "#התור_הכי_ארוך_בעולם בדואר המרכזי",
    "עוד משמרת עם הלקוחות הכי מעצבנים בארץ",
    "אף אחד לא פנה אלינו בנושא, הכל כרגיל",
    "חברה שלי סיפרה לי שהעוגה שלכם מדהימה",
])
def test_complaints_and_plain_facts_are_no_claims(checker, text):
    assert "unverified-claim" not in categories(checker, text)


@pytest.mark.parametrize("text, expected", [
    ("מי הדליף את המחירון של הקולקציה? כן, זה המחיר", {"confidential"}),
    ("המחיר של הדגם החדש, 89 אלף, היה אמור להישאר בפנים עד ההשקה", {"confidential"}),
    ("על המצגת כתוב ׳לשימוש פנימי בלבד׳, אבל הנה התחזית", {"confidential"}),
    ("מהנוהל: ׳אין לפרסם ברשתות מידע על לקוחות׳", set()),
    ("מצורף האקסל הפנימי עם המחירים לסוכנים", {"confidential"}),
    ("הצינור דלף כל הלילה במטבחון, האינסטלטור בדרך", set()),
])
def test_leaks_markings_and_quoted_rules(checker, text, expected):
    assert categories(checker, text) == expected


@pytest.mark.parametrize("text, span", [
    ("יום הולדת לנועה אצלה בבית, רחוב האלה 7 בכרמיאל, קומה 2", "רחוב האלה 7 בכרמיאל, קומה 2"),
    ("השכנה מרחוב הברוש 11 בנתניה, קומה 1, שוב התלוננה", "הברוש 11 בנתניה, קומה 1"),
    ("הדיכאון של רונית מהשיווק הוא לא עניין לסטורי", "הדיכאון של רונית"),
])
def test_homes_and_conditions_of_named_people(checker, text, span):
    assert any(span in s for s in spans(checker, text, "personal-data"))


@pytest.mark.parametrize("text", [
    "מוקד החירום של מד״א 101, משטרה 100, עירייה 106 — שמרו את המספרים",
    "נפגעתם מאלימות? הקו החם *2700 זמין 24/7",
    "הכנס יתקיים אצלנו בבית הספר, רחוב הרצל 12, קומה 3",
])
def test_public_lines_and_venues_stay_clean(checker, text):
    assert categories(checker, text) == set()


@pytest.mark.parametrize("text, category", [
    ("Ha-sapak ha-ze ya ben zona, shuv lo higia", "insult"),        # each word is English or Slovenian too
    ("Bo'u le-shiur tora ba-lobby, ha-rav mechake", "taboo-topic"),  # a hyphenated listed form
    ("Ha-hanpaka be-yom sheni, ad az embargo", "confidential"),
])
def test_romanised_hebrew_is_found_without_a_language_hint(checker, text, category):
    assert category in {v.category for v in support.findings(checker, text, None)}


def test_a_latin_lookalike_inside_a_hebrew_word_is_read(checker):
    assert "זיl" in spans(checker, "איזה זיl של יום, שום דבר לא עובד", "profanity")
