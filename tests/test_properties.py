"""Properties over text in all five scripts: offsets point into the text as written, line and
column agree with them, and the same post gives the same report every time."""
from hypothesis import HealthCheck, given, settings, strategies as st

SCRIPTS = {
    "en": "abcdefghijklmnopqrstuvwxyz", "is": "aábdðeéfghiíjklmnoóprstuúvxyýþæö",
    "sl": "abcčdefghijklmnoprsštuvzž", "mk": "абвгдѓеежзѕијклљмнњопрстќуфхцчџш", "he": "אבגדהוזחטיכלמנסעפצקרשתךםןףץ",
}
NOISE = ["\u200b", "\u00ad", "\u202e", "\u0301", "\u05b4", "😀", "*", "@", "1", "3", "0", "#", ".", "\n", " ", "  "]
LISTED = ["shit", "sh1t", "f*ck", "sranje", "helvítis", "срање", "חרא", "idiot", "07700 900461", "a.b@mail.com"]


def posts(lang):
    letters = st.text(alphabet=st.sampled_from(list(SCRIPTS[lang])), min_size=1, max_size=9)
    piece = st.one_of(letters, st.sampled_from(NOISE), st.sampled_from(LISTED))
    return st.lists(piece, max_size=14).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(SCRIPTS)).flatmap(lambda lang: st.tuples(st.just(lang), posts(lang))),
       st.booleans())
def test_offsets_and_determinism_in_every_script(checker, lang_and_text, give_lang):
    lang, text = lang_and_text
    report = checker.check(text, lang=lang if give_lang else None)
    for v in report.violations:
        assert text[v.start:v.end] == v.match
        assert v.line == text.count("\n", 0, v.start) + 1
        assert v.column == v.start - (text.rfind("\n", 0, v.start) + 1) + 1
    assert checker.check(text, lang=lang if give_lang else None) == report
