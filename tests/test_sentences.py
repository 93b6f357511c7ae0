"""Sentence boundaries: a full stop before lower case or a digit is an abbreviation, a date or
a price, and keeps the sentence going, so a condition's cue words stay with the match."""
import pytest
import spacy

from compliance.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline("en")


@pytest.mark.parametrize("text,sentences", [
    ("We open at 9 a.m. on Monday. Come by!", ["We open at 9 a.m. on Monday.", "Come by!"]),
    ("e.g. our shop. Then we go. Really?! yes", ["e.g. our shop.", "Then we go.", "Really?!", "yes"]),
    ("Verð 5.000 kr. og 12 manns. Takk!", ["Verð 5.000 kr. og 12 manns.", "Takk!"]),
    ("Done... ok then", ["Done... ok then"]),
    ("Thanks. שלום לכולם. 🎉 Party!", ["Thanks.", "שלום לכולם.", "🎉 Party!"]),
    ("Not a promise 😏 Everyone knows it", ["Not a promise 😏", "Everyone knows it"]),
    ("Happy Friday 🎉🎉 see you at 9", ["Happy Friday 🎉🎉 see you at 9"]),
    ("Done! 👏 Great work", ["Done!", "👏 Great work"]),
])
def test_a_full_stop_ends_a_sentence_only_before_a_new_one(nlp, text, sentences):
    assert [s.text for s in nlp(text).sents] == sentences


def test_opening_hours_keep_a_business_line_out_of_personal_data(checker):
    text = "Nýja þjónustuverið okkar er á Akureyri. Opið virka daga kl. 9-16 og síminn er 460 2500."
    assert checker.check(text, lang="is").violations == ()
    assert [v.match for v in checker.check("Hringdu í Jón í síma 861 2345 ef þú þarft far.", lang="is").violations] == [
        "861 2345"]


def test_the_splitter_is_saved_and_loaded_with_the_pipeline(nlp, tmp_path):
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert again.get_pipe_meta("sentencizer").factory == "compliance_sentencizer"
    assert [s.text for s in again("Open Mon. to Fri. 9-5. Call us!").sents] == ["Open Mon. to Fri. 9-5.", "Call us!"]
