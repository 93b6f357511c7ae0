"""English packs on facts about the company and about people: secrecy and leak cues, claims
without a source, private circumstances of a named person and the national IDs of
English-speaking countries, each beside the near miss that must stay clean."""
import pytest
import support

from compliance.matchers.validators import au_medicare, in_pan, itin, nz_ird, sg_nric


def categories(checker, text):
    return support.categories(checker, text, "en")


def matches(checker, text, category):
    return [v.match for v in support.findings(checker, text, "en") if v.category == category]


@pytest.mark.parametrize("text", [
    # the writer says it should not be out
    "Not meant to share this yet, but the spring menu is in the kitchen already.",
    "Probably shouldn't be posting this 🙊 the new van livery looks amazing.",
    "Our lawyers asked everyone to keep quiet about the Dunmore dispute, but we're paying them off.",
    "Quarterly bonus list attached. Internal payroll only.",
    # leaked material and internal systems
    "The restructuring memo leaked, so here's what it says about Bristol.",
    "Quick screenshot from our patient booking system to show how busy Monday was!",
    "Whoever left the salary spreadsheet on the printer: oops.",
    # heard inside the company
    "Word from the boardroom is that the Glasgow depot goes up for sale.",
    "Overheard at the managers' meeting that the night shift is being scrapped.",
    "Someone on the board let slip that we're buying a rival.",
    # a hush cue beside company news, and time-bound news
    "Between us 🤐 we open a second site in Galway next month.",
    "Three branches shut before the Harcourt deal is announced.",
    "About 200 roles are going at the Swansea plant by autumn.",
    # codenames
    "Late nights on P.r.o.j.e.c.t F.a.l.c.o.n, launch is close!",
    "The loyalty app, codenamed Heron, ships next quarter.",
])
def test_secrecy_and_leak_cues_are_confidential(checker, text):
    assert "confidential" in categories(checker, text)


@pytest.mark.parametrize("text", [
    "No, we are not closing the Leeds store, and there are no redundancies planned.",
    "Between us and the harbour there's a lovely coastal path.",
    "Between us, that was the best quiz night yet!",
    "Never share your login with anyone: our IT team will never ask for it.",
    "Our policy: \"Don't post anything you're not supposed to share.\"",
    "The kettle in the staff room leaked all over the floor again.",
    "The board pack is printed on recycled paper these days.",
    "Project Gutenberg lends us the texts for our book club.",
    "Screenshot this post and show it at the till for a free coffee.",
])
def test_near_misses_of_secrecy_stay_clean(checker, text):
    assert "confidential" not in categories(checker, text)


@pytest.mark.parametrize("text", [
    "71% of Londoners say our oat latte beats the rest.",
    "8 out of 10 Dublin cabbies now use our app.",
    "Our surgery has a 0% infection rate.",
    "Voted the best curry house in Bradford 🍛",
    "Coffee on the go #TastiestCoffeeInTheCity",
    "The only dentist in Derby with Saturday hours and free parking.",
    "No other chippy on the coast comes close.",
    "This plan will 100% double your bookings in 90 days.",
    "Open the bond and you're guaranteed to earn 9% a year.",
    "Heard from a buddy at the bank that mortgage rates fall next week.",
    "A senior source at the council told me the bypass is cancelled.",
])
def test_unsourced_claims_and_hearsay_are_unverified(checker, text):
    assert "unverified-claim" in categories(checker, text)


@pytest.mark.parametrize("text", [
    "71% of Londoners say they walk to work, according to the ONS travel survey.",
    "Voted best curry house in Bradford by Telegraph & Argus readers.",
    "Rated 4 out of 5 stars by our guests.",
    "10% of every sale goes to the lifeboat charity.",
    "Returns are not guaranteed and you may get back less than you invest.",
    "Every booking number is guaranteed to be unique.",
    "We'll 100% be at the summer fair, come say hi!",
    "Nothing beats a walk on the beach after work.",
    "A friend at the gym told me about your class, so I signed up!",
])
def test_sourced_negated_and_everyday_wordings_stay_clean(checker, text):
    assert "unverified-claim" not in categories(checker, text)


@pytest.mark.parametrize("text, number", [
    ("Kia ora Mere, we have your IRD number as 49-012-349, please confirm.", "49-012-349"),
    ("We've checked your NRIC S1234567D and the claim is approved.", "S1234567D"),
    ("Hi Sam, your Medicare no. 3141 59263 1 is on file.", "3141 59263 1"),
    ("KYC for the new hire: PAN BNZPM2501F matched.", "BNZPM2501F"),
])
def test_national_ids_with_a_valid_check_are_reported_whole(checker, text, number):
    assert number in matches(checker, text, "personal-data")


@pytest.mark.parametrize("text", [
    "Kia ora Mere, we have your IRD number as 49-012-348, please confirm.",
    "We've checked your NRIC S1234567A and the claim is approved.",
    "Hi Sam, your Medicare no. 3141 59264 1 is on file.",
    "Our company PAN AAACR5055K is printed on every invoice.",
    "Order S1234567D left the warehouse today.",
    "Use 987-65-4321 as the dummy number in the training deck.",
])
def test_failing_checks_specimens_and_codes_stay_clean(checker, text):
    assert "personal-data" not in categories(checker, text)


def test_id_validators_check_the_published_algorithms():
    assert nz_ird("49012349") and not nz_ird("49012348")
    assert sg_nric("S1234567D") and sg_nric("M1234567K") and not sg_nric("S1234567A")
    assert au_medicare("31415926311") and not au_medicare("1141592631")
    assert in_pan("BNZPM2501F") and not in_pan("AAACR5055K")
    assert itin("911701234") and not itin("987654321")


@pytest.mark.parametrize("text", [
    "Cake in the kitchen for Orla, born 02/11/1990 🎂",
    "Turns out Callum's on £58k and I'm on £49k for the same job.",
    "Exit notes for Dana: was on $81k, left in March.",
    "Payroll export for the shop: Neil £27,400, Ruth £28,100.",
    "Heads up, Tariq in stores is being let go on Friday.",
    "She's been signed off with stress for a month.",
    "Maureen Hill, 67, of Dundee says our tea cured her arthritis.",
    "Her cell is (415) 555-0172, tell her the van's blocking the gate.",
    "Routing 021000021, acct 5521 0093 4417 for Jo's wages.",
])
def test_private_circumstances_of_a_person_are_personal_data(checker, text):
    assert "personal-data" in categories(checker, text)


@pytest.mark.parametrize("text", [
    "Book a table on 01632 960123, we're open till late.",
    "Our main line stays +61 2 9876 5432 after the move.",
    "Our credit union's routing number is 021000021, as printed on your cheques.",
    "Jumble sale at the church hall, 12 Mill Lane, everyone welcome!",
    "Our bakery was born in 1985 and we're still baking.",
    "Our fundraiser is at £12k and counting, thank you Leeds!",
    "Learn to let go of stress at our Sunday yoga class.",
    "The form shows 078051120 as an example in that box.",
])
def test_business_contacts_and_everyday_numbers_stay_clean(checker, text):
    assert "personal-data" not in categories(checker, text)
