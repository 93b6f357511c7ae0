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


@pytest.mark.parametrize("claim, negated", [
    ("Штедните сметки носат загарантиран принос.", "Штедните сметки немаат загарантиран принос."),
    ("Ви нудам сигурна заработка од дома.", "Немам сигурна заработка за вас, само искрен совет."),
    ("Барајте брза заработка кај нас.", "Немојте да барате брза заработка кај нас."),
])
def test_negation_words_of_every_person_and_mood_negate_a_claim(checker, claim, negated):
    assert "unverified-claim" in _categories(checker, claim)
    assert "unverified-claim" not in _categories(checker, negated)


@pytest.mark.parametrize("text", [
    "Колегите од набавка имаат мозок на врабец.",
    "Шефицата е кокошка, цел ден само вика.",
    "Оној дебелиот од магацинот пак ја изеде тортата.",
    "Пак нов распоред од горе 🙄 #ДиректоротЕКловн",
    "Жените не знаат да паркираат, види го паркингот.",
    "Пензионерите се сенилни, пет пати прашуваат исто.",
    "Курирот е тотално бескорисен.",
])
def test_indirect_insults_metaphors_bodies_hashtags_and_stereotypes(checker, text):
    assert "insult" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Дебелата книга за Самуиловата тврдина пак е во продажба.",
    "Кокошките на нашата фарма во Тиквеш се на слобода цел ден.",
    "Мозокот на кокошката е голем колку зрно грав, научивме во школото.",
    "Годишната вечера на тимот 🎉 #ШефотЧасти",
    "Жените во бизнисот: панел-дискусија во четврток во Битола.",
    "Курирот е неспособен за работа поради повреда, пратките доцнат еден ден.",
])
def test_the_same_words_about_things_animals_or_health_are_not_insults(checker, text):
    assert "insult" not in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Кој ќе ми го земе местото на паркингот ќе заврши во болница.",
    "Уште еден ваков коментар и ќе собираш заби.",
    "Тој доставувач ќе јаде ќотек ако пак доцни.",
    "Да го фатам, ќе му ги избројам ребрата.",
])
def test_veiled_threats_are_threats(checker, text):
    assert "taboo-topic" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Ако возите брзо по мокар пат, ќе завршите во болница. Возете внимателно!",
    "Ќе ја запалиме журката во сабота, ве чекаме!",
    "Ќе ја исечеме лентата на новиот салон во петок во 12.",
    "Салата „Казино“ на вториот кат е резервирана за семинарот.",
    "Ја косиме тревата во дворот на градинката секоја сабота, со музика 🎶",
])
def test_warnings_celebrations_halls_and_gardens_are_not_taboo(checker, text):
    assert "taboo-topic" not in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Фирмата ќе донира милион денари за кампањата на партијата пред изборите.",
    "Поддржете го Илија Јовановски за градоначалник на Прилеп!",
    "На изборите нашиот глас оди за опозицијата.",
])
def test_party_donations_and_candidate_endorsements_are_taboo(checker, text):
    assert "taboo-topic" in _categories(checker, text)


@pytest.mark.parametrize("claim, clean", [
    ("Студиите покажуваат дека две чаши од нашиот сок го чуваат срцето.",
     "Студијата на Медицинскиот факултет покажува дека сокот од аронија има антиоксиданси."),
    ("Со нашите типови за лигата сигурно добиваш секој викенд.",
     "Со картичката за лојалност секој пат добиваш поени."),
    ("Вложи во нашиот фонд и за две години ќе си купиш стан во Центар.",
     "Со станбениот кредит ќе си купите стан, а каматата е во ценовникот."),
    ("Спорот со добавувачот го водиме ние и сигурно ќе го добиеме.", "Спорот со добавувачот е во тек и не го коментираме."),
])
def test_unnamed_studies_and_promises_of_winning_or_riches_are_claims(checker, claim, clean):
    assert "unverified-claim" in _categories(checker, claim)
    assert "unverified-claim" not in _categories(checker, clean)


@pytest.mark.parametrize("text", [
    "Тивко, тивко, ама новиот ценовник е готов.",
    "Интерно од управата: од мај работиме и сабота.",
    "Табелата со новите цени (интерно, не препраќајте) е во прилог.",
    "Потпишав NDA, така што без имиња, ама клиентот е огромен.",
    "Новата картичка е готова, а јавно ќе ја претставиме дури во мај.",
    "Договорот е потпишан, но тивко додека не излезе соопштението.",
])
def test_secrecy_cues_mark_a_post_confidential(checker, text):
    assert "confidential" in _categories(checker, text)


@pytest.mark.parametrize("text", [
    "Проблемот со наплатата го решивме интерно, ви благодариме за трпението.",
    "Не препраќајте сомнителни пораки што бараат лозинка.",
    "Официјално го отворивме салонот во Струга, дојдете!",
])
def test_internal_work_warnings_and_public_openings_are_not_confidential(checker, text):
    assert "confidential" not in _categories(checker, text)


@pytest.mark.parametrize("text, span", [
    ("Плати за јуни: Андреј Стојковски 71.000, Мила Трајкова 58.000", "Андреј Стојковски 71.000"),
    ("Директорката се преселила на ул. Иво Лола Рибар 22, Центар.", "ул. Иво Лола Рибар 22"),
])
def test_pay_lists_without_currency_and_moves_are_personal_data(checker, text, span):
    assert span in [v.match for v in _findings(checker, text) if v.category == "personal-data"]


def test_a_line_published_with_its_opening_hours_is_not_personal_data(checker):
    text = "Проблем со сметката? Пишете на support@primer.mk или ѕвонете на 02 3200 200, секој ден од 8 до 20 ч."
    assert "personal-data" not in _categories(checker, text)


@pytest.mark.parametrize("text, category", [
    ("Kolegata od logistika e pravo magare.", "insult"),
    ("Petok vecher, malku trevka i muzika na terasata 🍃", "taboo-topic"),
])
def test_families_hold_in_latin_letters(checker, text, category):
    found = [v for v in checker.check(text).violations if v.severity != "info"]
    assert all(text[v.start:v.end] == v.match for v in found)
    assert category in {v.category for v in found}


def test_latin_letter_macedonian_is_read_when_the_language_is_given(checker):
    text = "Kolegite od nabavka se kompletni budali, nisto ne znaat"
    found = [(v.category, v.match) for v in checker.check(text, lang="mk").violations]
    assert ("insult", "budali") in found
    assert checker.check("Denes vo Bitola otvorivme nov magacin", lang="mk").violations == ()
