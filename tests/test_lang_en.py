"""English packs as a user meets them: whole phone numbers at the end of a sentence, swearing
at someone counted as an insult too, and the everyday senses of risky words left alone."""
import pytest
import support


def categories(checker, text):
    return support.categories(checker, text, "en")


@pytest.mark.parametrize("text, number", [
    ("Call me on 07911 123456.", "07911 123456"),
    ("ring her on +44 7700 900123.", "+44 7700 900123"),
    ("Ring him yourselves: 0423 118 764.", "0423 118 764"),
])
def test_a_phone_that_ends_the_sentence_is_reported_whole(checker, text, number):
    phones = [v for v in checker.check(text, lang="en").violations if v.category == "personal-data"]
    assert [v.match for v in phones] == [number]
    assert all(text[v.start:v.end] == v.match for v in phones)


@pytest.mark.parametrize("text", [
    "Fuck you, Kevin.",
    "That recruiter who ghosted me is a real asshole.",
    "You piece of shit, give the parcel back.",
    "To the arsehole who keeps nicking the milk: stop.",
    "You stupid b1tch, read the brief.",
])
def test_profanity_aimed_at_a_person_is_also_an_insult(checker, text):
    assert {"profanity", "insult"} <= categories(checker, text)


@pytest.mark.parametrize("text", [
    "Fuck Mondays, honestly.",
    "This laptop is a piece of shit.",
    "Damn servers, what an asshole of a week.",
])
def test_profanity_aimed_at_a_thing_is_profanity_only(checker, text):
    assert categories(checker, text) == {"profanity"}


@pytest.mark.parametrize("text", [
    "Please welcome Sarah Dick, our new Head of Procurement.",
    "Spotted dick and custard is back on the menu.",
    "A pair of great tits on the feeder this morning.",
    "The Cock & Bull reopens Friday.",
    "Apprentices learn the bastard file in week one.",
    "Crystal from accounts is retiring!",
    "Charlie and Mary Jane run our Leeds branch.",
    "Snow forecast for Friday: work from home if you can.",
    "We're hiring a litigation paralegal in Belfast.",
    "Rotate any key that ends up in git history.",
    "Samaritans are there 24/7 on 116 123, free and confidential.",
    "Call our customer team free on 0800 028 0247.",
])
def test_everyday_senses_stay_clean(checker, text):
    assert categories(checker, text) == set()


@pytest.mark.parametrize("text", [
    "Approval isn't guaranteed and the rate depends on your circumstances.",
    "Past performance is not a guarantee of future returns.",
    "We don't comment on pending litigation.",
    "Policy 4.2 says 'Staff must not comment on pending litigation.'",
    "Our guidelines say never to call a product 100% safe.",
])
def test_negated_and_quoted_claims_stay_clean(checker, text):
    assert categories(checker, text) == set()


@pytest.mark.parametrize("text, category", [
    ("Keep it under your hat until Monday, but we signed the deal.", "confidential"),
    ("The deal isn't final yet, but we're buying a chain of gyms!", "confidential"),
    ("Results go public next week and they're huge.", "confidential"),
    ("Slides are on https://intranet.acme-group.com/q3 for the detail.", "confidential"),
    ("Hire fewer incompetent millennials.", "insult"),
    ("The numpties running their booth forgot the banner.", "insult"),
    ("Shout-out to that donkey Jenkins for the outage.", "insult"),
    ("Jesus saves! Give your life to Christ today.", "taboo-topic"),
    ("Everyone should vote NDP on Monday!", "taboo-topic"),
    ("Sign up today for 100 free spins!", "taboo-topic"),
    ("If he touches my lunch again I'll break his arm.", "taboo-topic"),
    ("Our seaweed soak clears eczema in a week.", "unverified-claim"),
    ("Shares will triple on day one.", "unverified-claim"),
    ("Word from the depot is that the site is being sold.", "unverified-claim"),
    ("Dev from sales is off because his wife left him.", "personal-data"),
    ("Kyle's DOB is 14/03/1991, use it for the booking.", "personal-data"),
])
def test_concept_families(checker, text, category):
    assert category in categories(checker, text)
