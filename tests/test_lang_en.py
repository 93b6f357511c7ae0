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


# --- Insults, profanity and taboo topics: concept families in words of our own ----------------

@pytest.mark.parametrize("text", [
    "Their sales rep is a total l0ser.",                  # a disguised word that a token pattern names
    "The quacks round the corner charge double.",          # a noun that only ever names a fool
    "Credit to the agency for hiring the dopiest temps in Kent.",  # sarcastic praise, a superlative
    "Pensioners at the Hull branch just can't work the tills.",    # a group, a place, an adverb, a verdict
    "Gen Z is basically unteachable.",
    "The new trainees on the night shift are hopeless.",
    "That numpty of a supervisor lost the keys.",
    "A Karen in the queue demanded the manager.",
    "That crazy old bat from number 9 complained again.",
    "Our suppliers are fookin useless.",
    "Counting change must be really hard for some people.",
    "Bogans from the next town wrecked the car park.",
])
def test_indirect_and_directed_insults(checker, text):
    assert "insult" in categories(checker, text)


@pytest.mark.parametrize("text", [
    "Feck it, the oven's broken again.",
    "The van's a shithouse, honestly.",
    "Traffic on the PIE again, knn.",
    "Fooking hell, that queue.",
])
def test_regional_profanity(checker, text):
    assert categories(checker, text) == {"profanity"}


@pytest.mark.parametrize("text", [
    "Some gobshite blocked our delivery bay.",
    "Whichever bawbag ate my lunch, I know it was you.",
])
def test_regional_swearing_at_someone_is_profanity_and_insult(checker, text):
    assert categories(checker, text) == {"profanity", "insult"}


@pytest.mark.parametrize("text", [
    "Greetings from our stall in Dildo, Newfoundland!",
    "Two shags drying their wings on the jetty this morning 🐦",
    "A feckless plan? Not ours.",
    "Our kNN classifier finds similar products.",
    "Please assess the risk before Friday.",
    "The only rule: *m* is a module and *so* is emphasis.",
    "Ignore the FUD: our roadmap is public.",
    "The clown at Leo's party was a hit!",
    "Karen from payroll retires on Friday.",
    "The Karen Millen store opens at ten.",
    "This crazy lady ran five marathons for charity!",
    "Gen Z is our fastest-growing audience.",
    "Boomers and millennials both love the new app.",
    "The thief who took our van has been caught.",
    "Unreachable objects may be garbage-collected.",
    "Staff at the Cork branch are thick with orders.",
])
def test_places_birds_idioms_and_names_stay_clean(checker, text):
    assert categories(checker, text) == set()


@pytest.mark.parametrize("text", [
    "Whoever nicked my charger is getting a slap.",
    "Touch my stapler again and you'll end up in hospital.",
    "I'll drag him outside by his collar if he's late again.",
    "We'll find them and smash their windows.",
    "Driving round to his depot tonight with a crowbar.",
    "Hope the guy who scratched my car gets run over.",
    "Someone should deck that referee.",
])
def test_threats_in_every_phrasing(checker, text):
    assert "taboo-topic" in categories(checker, text)


def test_a_threat_spelled_out_letter_by_letter_is_found_with_exact_offsets(checker):
    text = "One more parking ticket and someone's getting k i l l e d."
    threats = [v for v in support.findings(checker, text, "en") if v.category == "taboo-topic"]
    assert [v.match for v in threats] == ["getting k i l l e d"]


@pytest.mark.parametrize("text", [
    "Our whole warehouse is voting Ruiz for governor!",
    "Proud to stand with Dee Patel for city council.",
    "Greens all the way this election 💚",
    "Weekends knocking doors for the Tories.",
    "#VoteBlue from everyone at the deli",
    "#PatelForCongress",
])
def test_endorsements_in_every_phrasing(checker, text):
    assert "taboo-topic" in categories(checker, text)


@pytest.mark.parametrize("text", [
    "Only Jesus can truly heal you.",
    "Turn to Christ this Easter.",
    "Faith guides every policy we sell.",
    "Let the Lord into your heart today.",
])
def test_proselytising(checker, text):
    assert "taboo-topic" in categories(checker, text)


@pytest.mark.parametrize("text", [
    "Nothing beats a couple of spliffs after a long shift.",  # "nothing beats" praises, it does not negate
    "Half the bar staff were off their heads on ket.",
    "Everyone was coked up by midnight.",
    "Win a £20 betting voucher in our footy tipping comp!",
    "Odds boost on every match this weekend.",
])
def test_drug_use_and_betting_offers(checker, text):
    assert "taboo-topic" in categories(checker, text)


@pytest.mark.parametrize("text", [
    "We never share joints at work, obviously.",
    "A joint statement from both clubs.",
    "Time for a come-to-Jesus meeting about the budget.",
    "Come to the church hall for the bake sale.",
    "Vote Priya for Employee of the Month!",
    "We stand with our nurses for fair pay.",
    "#VoteEarly: polling stations are open till 10pm.",
    "Late filers get a slap on the wrist.",
    "We're getting killed on shipping costs.",
    "We'll find you the perfect flat.",
    "Gift vouchers for the spa make great presents.",
])
def test_neutral_mentions_and_idioms_stay_clean(checker, text):
    assert categories(checker, text) == set()
