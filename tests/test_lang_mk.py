"""Macedonian packs: the concept families behave as families, not as single lines. Each case
is a post in our own words; the assertions are about categories, spans and offsets."""
import pytest
import support


def _findings(checker, text):
    return support.findings(checker, text, "mk")


def _categories(checker, text):
    return support.categories(checker, text, "mk")


@pytest.mark.parametrize("text", [
    "Мајка ти ебам, пак ја заборави шифрата.",
    "Ебам ти мајката, врати ми го полначот.",
    "М@јка ти 3бам, кој ти дозволи?",           # disguised: the pattern sees the listed terms
    "Еби се, нема да платам.",
    "Шефот ни е говно, пак нема бонуси.",
    "Пуши ми го, не работам за викенд.",
])
def test_profanity_aimed_at_a_person_is_also_an_insult(checker, text):
    assert {"profanity", "insult"} <= _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Мамицата му ебам на сообраќајот, пак сме заглавени.",
    "Рутерот пак не работи, да го ебам.",
    "Ебате, пак падна серверот.",
])
def test_profanity_aimed_at_a_thing_is_profanity_only(checker, text):
    assert _categories(checker, text) == {"profanity"}


def test_profanity_said_of_a_named_role_in_the_third_person_is_an_insult(checker):
    assert "insult" in _categories(checker, "Шефот пак ни ги скрати бонусите, да го ебам.")


@pytest.mark.parametrize("text, number", [
    ("Колешката Ана го изгуби паричникот, јавете ѝ се на 070 123 456.", "070 123 456"),
    ("Мојот приватен број е +389 75 222 333.", "+389 75 222 333"),
    ("Ако не веруваш, прашај ја на 071 444 555.", "071 444 555"),
])
def test_private_phones_at_the_end_of_a_sentence_are_reported_whole(checker, text, number):
    phones = [v.match for v in _findings(checker, text) if v.category == "personal-data"]
    assert phones == [number]


def test_a_published_switchboard_is_not_personal_data(checker):
    assert _categories(checker, "За резервации јавете се на 02 3123 456, секој работен ден.") == set()


@pytest.mark.parametrize("claim, clean", [
    ("Ние сме најевтини во градот.", "Не тврдиме дека сме најевтини во градот."),
    ("Приносот е загарантиран, 100% сигурно.", "Приносот не е загарантиран, прочитајте го проспектот."),
    ("Сите веќе знаат дека цените растат од јули.", "Според Заводот за статистика, цените растат од јули."),
    ("Нашиот мед го лекува гастритот.", "Правилата ни забрануваат да пишуваме „го лекува гастритот“."),
])
def test_negated_sourced_or_quoted_claims_pass(checker, claim, clean):
    assert "unverified-claim" in _categories(checker, claim)
    assert "unverified-claim" not in _categories(checker, clean)


def test_a_claim_that_is_itself_negative_still_counts(checker):
    assert "unverified-claim" in _categories(checker, "Нашите капсули немаат никакви несакани ефекти, без никаков ризик!")


def test_insult_words_quoted_by_a_moderation_rule_pass(checker):
    text = "Модераторите ќе ги бришат коментарите со зборови како „идиоти“, „курви“ или „будали“."
    assert _categories(checker, text) == set()


@pytest.mark.parametrize("bad, innocent, category", [
    ("Новиот стажант е вистинска кукавица, бега од секој телефон.", "На Преспа снимивме кукавица и гавран.", "insult"),
    ("Ти си најголемото магаре во тимот.", "Магарето Пепи е маскота на нашиот комплекс.", "insult"),
    ("Гласајте за Левица во недела, поддржете ја партијата!", "Тенисерот сервира со левица.", "taboo-topic"),
    ("Кој има кока за журката? Пишете во DM.", "Кока-кола и пица за журката!", "taboo-topic"),
    ("Проверен тикет за вечерва, коефициент 3.10!", "Тикетот за поддршка е затворен, проблемот е решен.", "taboo-topic"),
    ("Синоќа се напушивме на терасата.", "Овластен дилер на Шкода во Штип.", "taboo-topic"),
    ("Ја видов листата за отпуштање, има многу имиња.", "Отпуштете ја рачната кочница пред да тргнете.", "confidential"),
])
def test_words_with_an_innocent_sense_need_their_bad_company(checker, bad, innocent, category):
    assert category in _categories(checker, bad)
    assert category not in _categories(checker, innocent)


@pytest.mark.parametrize("text, category", [
    # secrecy cues and time-bound disclosures
    ("Не смеам многу да кажам поради NDA-то, ама клиентот е голема банка.", "confidential"),
    ("Договорот со партнерот уште не е конечен, но цените ќе паднат.", "confidential"),
    ("Потпишано е, само се чека официјална објава следниот месец.", "confidential"),
    ("Новото лого е тајна до понеделник 🤫", "confidential"),
    ("Адвокатите интерно ни кажаа дека ќе се спогодиме.", "confidential"),
    ("Еве го ценовникот на https://intranet.primer.mk/ceni", "confidential"),
    ("Уште три недели до стартот 🤫 #ПроектБор", "confidential"),
    # veiled and plain threats
    ("Ќе завршиш во Вардар ако уште еднаш ми го земеш местото.", "taboo-topic"),
    ("Знам каде живееш, размисли добро.", "taboo-topic"),
    ("Ако пак задоцниш, ќе те затепам.", "taboo-topic"),
])
def test_families_caught_in_wordings_of_their_own(checker, text, category):
    assert category in _categories(checker, text)


@pytest.mark.parametrize("text, span", [
    ("Честит роденден на Дарко, роден на 14.02.1991 во Куманово!", "роден на 14.02.1991"),
    ("Бонуси: Петар Николовски 25.000 ден., Сара Илиевска 18.000 ден.", "Петар Николовски 25.000 ден."),
])
def test_birth_dates_and_named_pay(checker, text, span):
    assert span in [v.match for v in _findings(checker, text) if v.category == "personal-data"]


@pytest.mark.parametrize("text", [
    "Гоце Делчев е роден на 4 февруари 1872 година.",
    "Наградата од 50.000 денари ја доби Марија Ангеловска на саемот.",
    "Роденденската забава е на 12.03.2025 во нашето кафуле.",
])
def test_historic_births_prizes_and_event_dates_are_not_personal_data(checker, text):
    assert "personal-data" not in _categories(checker, text)
