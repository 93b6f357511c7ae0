"""Compare the morphology back-ends on inflected forms written for this comparison.

    python benchmarks/lemmatizer_compare.py [--show N]

A pack lists a dictionary form; a token matches when the lexicon ties it to that form.
For every language the script reports, per candidate back-end: how many of the inflected
forms below reach their dictionary form (recall), how many near misses (look-alike words
of another lemma) wrongly reach a listed form, the one-off cost of loading the back-end
and listing the words, and the cost of looking up a new token. Lemmatizers (spaCy's lookup
table and noun suffix rules, simplemma, lemmagen3) map a token to lemmas; "bin" generates every BÍN
form of a listed Icelandic word instead, so a look-up is a set look-up. Hebrew also strips
the prefix letters, as its pipeline does.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from compliance.languages import LANGUAGES
from compliance.normalize.lemmas import get_morphology
from compliance.normalize.lexicon import Lexicon

# (inflected form, the dictionary forms a pack author may list for it)
FORMS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "sl": [
        # krava (f): singular, dual, plural, every case
        *[(f, ("krava",)) for f in "krave kravi kravo kravama krav kravam kravah kravami".split()],
        # idiot, kreten, tepec, bedak, prasec, goljuf (m, animate; fleeting e in tepec, prasec)
        *[(f, ("idiot",)) for f in "idiota idiotu idiotom idiotoma idioti idiotov idiote idiotih".split()],
        *[(f, ("kreten",)) for f in "kretena kretenu kretenom kreteni kretenov kretenoma".split()],
        *[(f, ("tepec",)) for f in "tepca tepcu tepcem tepcema tepci tepcev tepce tepcih".split()],
        *[(f, ("bedak",)) for f in "bedaka bedaku bedakom bedakoma bedaki bedakov".split()],
        *[(f, ("prasec",)) for f in "prasca prascu prascem prasci prascev".split()],
        *[(f, ("goljuf",)) for f in "goljufu goljufom goljufi goljufov goljufoma".split()],
        *[(f, ("pizda",)) for f in "pizde pizdi pizdo pizdama pizdah".split()],
        *[(f, ("drek",)) for f in "dreka dreku drekom dreki".split()],
        *[(f, ("sranje",)) for f in "sranja sranju sranjem sranj sranji".split()],
        # adjectives: gender, case, number
        *[(f, ("neumen",)) for f in "neumna neumno neumni neumnega neumnemu neumnem neumnim neumnih "
                                    "neumnimi neumne".split()],
        *[(f, ("zoprn",)) for f in "zoprna zoprnega zoprni zoprnih".split()],
        *[(f, ("butast",)) for f in "butasta butastega butasti butastih butastim".split()],
        *[(f, ("zajamčen", "zajamčiti")) for f in "zajamčena zajamčeno zajamčeni zajamčenih".split()],
        # verbs: persons incl. dual, l-participles
        *[(f, ("lagati",)) for f in "lažem lažeš laže lažemo lažete lažejo laževa lažeta lagal lagala "
                                    "lagali".split()],
        *[(f, ("goljufati",)) for f in "goljufam goljufajo goljufal goljufali".split()],
        *[(f, ("ukrasti",)) for f in "ukradem ukrade ukradel ukradla ukradli".split()],
        *[(f, ("jebati",)) for f in "jebem jebe jebal".split()],
        *[(f, ("zdraviti",)) for f in "zdravimo zdravijo".split()],
        *[(f, ("zagotoviti",)) for f in "zagotovimo zagotovi zagotovili".split()],
    ],
    "mk": [
        # nouns: definite -от/-ов/-он, -та/-ва/-на, -то/-во/-но, plurals, vocatives
        *[(f, ("идиот",)) for f in "идиотот идиотов идиотон идиоти идиотите идиотиве идиоту".split()],
        *[(f, ("кретен",)) for f in "кретенот кретени кретените кретену".split()],
        *[(f, ("глупак",)) for f in "глупакот глупаци глупаците глупаку".split()],
        *[(f, ("будала",)) for f in "будалата будалава будалана будали будалите".split()],
        *[(f, ("свиња",)) for f in "свињата свињи свињите свињо".split()],
        *[(f, ("крава",)) for f in "кравата крави кравите краво".split()],
        *[(f, ("магаре",)) for f in "магарето магарево магарено магариња магарињата".split()],
        *[(f, ("говедо",)) for f in "говедото говеда говедата".split()],
        *[(f, ("ѓубре",)) for f in "ѓубрето ѓубриња ѓубрињата".split()],
        *[(f, ("лопов",)) for f in "лоповот лопови лоповите".split()],
        *[(f, ("мајмун",)) for f in "мајмунот мајмуни мајмуните".split()],
        *[(f, ("лажго",)) for f in "лажгото лажговци".split()],
        *[(f, ("кучка",)) for f in "кучката кучки кучките".split()],
        # adjectives: gender, plural, definite
        *[(f, ("глупав",)) for f in "глупава глупаво глупави глупавиот глупавата глупавото глупавите".split()],
        *[(f, ("арогантен",)) for f in "арогантна арогантно арогантни арогантниот арогантните".split()],
        *[(f, ("смрдлив",)) for f in "смрдлива смрдливи смрдливиот".split()],
        *[(f, ("гарантиран", "гарантира")) for f in "гарантирана гарантирано гарантирани".split()],
        # verbs (the dictionary form is the 3rd person singular present)
        *[(f, ("лаже",)) for f in "лажам лажеш лажеме лажете лажат лажеше лажел".split()],
        *[(f, ("краде",)) for f in "крадам крадеш крадат крадеше крадел".split()],
        *[(f, ("гласа",)) for f in "гласам гласаме гласаат гласаше гласал".split()],
        *[(f, ("убие",)) for f in "убијам убиеш убијат убил".split()],
        *[(f, ("моли",)) for f in "молам молиме молат".split()],
        *[(f, ("лечи",)) for f in "лечам лечиме лечат лечел".split()],
    ],
    "is": [
        *[(f, ("fáviti",)) for f in "fávitann fávitanum fávitans fávitar fávitarnir fávitum fávitunum "
                                    "fávitanna".split()],
        *[(f, ("hálfviti",)) for f in "hálfvitinn hálfvitar hálfvitunum hálfvitanna".split()],
        *[(f, ("fífl",)) for f in "fíflið fíflinu fífli fíflin fíflum fíflanna".split()],
        *[(f, ("helvíti",)) for f in "helvítinu helvítis helvítin".split()],
        *[(f, ("lúði",)) for f in "lúðinn lúðar lúðum lúðunum".split()],
        *[(f, ("aumingi",)) for f in "aumingjann aumingjar aumingjunum".split()],
        *[(f, ("tík",)) for f in "tíkin tíkinni tíkur tíkurnar".split()],
        *[(f, ("drasl",)) for f in "draslið draslinu drasls".split()],
        *[(f, ("heimskur",)) for f in "heimsk heimskt heimskir heimskum heimskasti".split()],
        *[(f, ("ógeðslegur",)) for f in "ógeðsleg ógeðslegt ógeðslegir ógeðslegustu".split()],
        *[(f, ("ljúga",)) for f in "lýg lýgur ljúgum laug lugu logið".split()],
        *[(f, ("svindla",)) for f in "svindlaði svindlar svindluðu".split()],
        *[(f, ("kjósa",)) for f in "kjósum kjósið kaus kusu kosið".split()],
        *[(f, ("tryggja",)) for f in "tryggjum tryggði tryggt".split()],
    ],
    "he": [
        # prefix letters ו ה ב ל מ ש כ, up to three, before singular, plural and feminine forms
        *[(f, ("אידיוט",)) for f in "האידיוט לאידיוט שהאידיוט כשהאידיוט אידיוטים אידיוטית אידיוטיות "
                                      "והאידיוטים".split()],
        *[(f, ("מטומטם",)) for f in "המטומטם ומטומטם מטומטמת מטומטמים מטומטמות למטומטמים "
                                      "שהמטומטמים".split()],
        *[(f, ("שקרן",)) for f in "השקרן שקרנית שקרנים שקרניות לשקרנים והשקרנית".split()],
        *[(f, ("טיפש",)) for f in "הטיפש טיפשה טיפשים לטיפשים וטיפשה".split()],
        *[(f, ("דביל",)) for f in "הדביל דבילים דבילית לדבילים".split()],
        *[(f, ("זונה",)) for f in "הזונה לזונה זונות והזונות".split()],
        *[(f, ("חרא",)) for f in "החרא בחרא מחרא וחרא שחרא".split()],
        *[(f, ("מובטח",)) for f in "שמובטח ומובטח מובטחת מובטחים מובטחות".split()],
        # construct states and possessive suffixes
        *[(f, ("חברה",)) for f in "חברת בחברת וחברות".split()],
        *[(f, ("משכורת",)) for f in "משכורתו משכורתה המשכורות".split()],
        *[(f, ("כתובת",)) for f in "כתובתו כתובתה בכתובת".split()],
        *[(f, ("רופא",)) for f in "רופאי הרופאים לרופאה".split()],
        # verbs: tense and person
        *[(f, ("הבטיח",)) for f in "מבטיחים הבטחנו נבטיח מבטיח שמבטיחים".split()],
        *[(f, ("הצביע",)) for f in "הצבענו תצביעו מצביעים והצביעו".split()],
    ],
    "en": [
        *[(f, ("ass",)) for f in "asses".split()],
        *[(f, ("fuck",)) for f in "fucks fucked fucking".split()],
        *[(f, ("fucker",)) for f in "fuckers".split()],
        *[(f, ("motherfucker",)) for f in "motherfuckers".split()],
        *[(f, ("dick",)) for f in "dicks".split()],
        *[(f, ("dickhead",)) for f in "dickheads".split()],
        *[(f, ("asshole",)) for f in "assholes".split()],
        *[(f, ("arsehole",)) for f in "arseholes".split()],
        *[(f, ("twat",)) for f in "twats".split()],
        *[(f, ("wanker",)) for f in "wankers".split()],
        *[(f, ("cunt",)) for f in "cunts".split()],
        *[(f, ("bitch",)) for f in "bitches bitching bitched".split()],
        *[(f, ("bastard",)) for f in "bastards".split()],
        *[(f, ("prick",)) for f in "pricks".split()],
        *[(f, ("shithead",)) for f in "shitheads".split()],
        *[(f, ("scumbag",)) for f in "scumbags".split()],
        *[(f, ("slut",)) for f in "sluts".split()],
        *[(f, ("idiot",)) for f in "idiots".split()],
        *[(f, ("moron",)) for f in "morons".split()],
        *[(f, ("loser",)) for f in "losers".split()],
        *[(f, ("piss",)) for f in "pissed pissing pisses".split()],
        *[(f, ("shit",)) for f in "shits shitting shat".split()],
        *[(f, ("screw",)) for f in "screwed screwing".split()],
        *[(f, ("damn",)) for f in "damned damning".split()],
        *[(f, ("guarantee",)) for f in "guaranteed guarantees guaranteeing".split()],
        *[(f, ("cure",)) for f in "cures cured curing".split()],
        *[(f, ("heal",)) for f in "heals healed healing".split()],
        *[(f, ("lie",)) for f in "lied lying lies".split()],
        *[(f, ("steal",)) for f in "stole stolen stealing steals".split()],
        *[(f, ("bet",)) for f in "bets betting".split()],
        *[(f, ("gamble",)) for f in "gambled gambling gambles".split()],
        *[(f, ("kill",)) for f in "killed killing kills".split()],
        *[(f, ("pray",)) for f in "prayed praying prays".split()],
        *[(f, ("vote",)) for f in "voted voting votes".split()],
        *[(f, ("leak",)) for f in "leaked leaking leaks".split()],
        *[(f, ("sue",)) for f in "sued suing sues".split()],
        *[(f, ("child",)) for f in "children".split()],
        *[(f, ("salary",)) for f in "salaries".split()],
        *[(f, ("diagnosis",)) for f in "diagnoses".split()],
    ],
}

# (word, a listed dictionary form it must not reach): look-alikes of another lemma
NEAR: dict[str, list[tuple[str, str]]] = {
    "sl": [("kravata", "krava"), ("kravate", "krava"), ("zaporedje", "zapor"), ("zaporedju", "zapor"),
           ("idila", "idiot"), ("idiom", "idiot"), ("tepih", "tepec"), ("tepihi", "tepec"),
           ("kretnja", "kreten"), ("kretnje", "kreten"), ("pizza", "pizda"), ("pice", "pizda"),
           ("bedenje", "bedak"), ("golf", "goljuf"), ("lagoden", "lagati"), ("lagodno", "lagati"),
           ("prašiček", "prasec"), ("dreves", "drek"), ("neumnost", "neumen"), ("zdravje", "zdraviti")],
    "mk": [("лажица", "лаже"), ("лажици", "лаже"), ("лопата", "лопов"), ("лопати", "лопов"),
           ("кретање", "кретен"), ("кретања", "кретен"), ("будилник", "будала"), ("магаза", "магаре"),
           ("магацин", "магаре"), ("гласник", "гласа"), ("молив", "моли"), ("моливи", "моли"),
           ("убав", "убие"), ("убава", "убие"), ("лекар", "лечи"), ("говор", "говедо"),
           ("идила", "идиот"), ("кучиња", "кучка"), ("свињарство", "свиња"), ("глупост", "глупав")],
    "is": [("fávitalegur", "fáviti"), ("hálfvitlaus", "hálfviti"), ("hálfvitlaust", "hálfviti"),
           ("fíflagangur", "fífl"), ("fíflast", "fífl"), ("helvískur", "helvíti"), ("lúðrasveit", "lúði"),
           ("tíkall", "tík"), ("draslaralegur", "drasl"), ("heimskautið", "heimskur"), ("ljúfur", "ljúga"),
           ("lygari", "ljúga"), ("kosningar", "kjósa"), ("trygging", "tryggja"), ("tryggur", "tryggja")],
    "he": [("אידיאל", "אידיוט"), ("אידיאלים", "אידיוט"), ("שקר", "שקרן"), ("שקרים", "שקרן"),
           ("זוג", "זונה"), ("זוגות", "זונה"), ("חרב", "חרא"), ("חרבות", "חרא"), ("מובטל", "מובטח"),
           ("מובטלים", "מובטח"), ("טיפה", "טיפש"), ("טיפות", "טיפש"), ("דבש", "דביל"), ("דבורה", "דביל"),
           ("חבר", "חברה"), ("כתובה", "כתובת"), ("רופף", "רופא"), ("הביט", "הבטיח"), ("הצביעות", "הצביע")],
    "en": [("assess", "ass"), ("assets", "ass"), ("classes", "ass"), ("dickens", "dick"),
           ("scunthorpe", "cunt"), ("prickly", "prick"), ("bitcoin", "bitch"), ("shitake", "shit"),
           ("curing", "curse"), ("healthy", "heal"), ("lien", "lie"), ("steel", "steal"),
           ("better", "bet"), ("skills", "kill"), ("prayer", "pray"), ("leakage", "leak"),
           ("suede", "sue"), ("childish", "child")],
}


# Back-ends as the registry names them (compliance.normalize.lemmas); "+" joins lemmatizers.
CANDIDATES = {
    "sl": ["simplemma", "lemmagen3", "lemmagen3+simplemma"],
    "mk": ["simplemma", "lemmagen3", "simplemma+lemmagen3"],
    "is": ["simplemma", "bin"],
    "he": ["none", "simplemma"],
    "en": ["lookups", "simplemma", "lookups+simplemma", "lookups+rules"],
}


def compare(lang: str, kind: str, show: int) -> None:
    """Build a lexicon the way a pipeline does (no disguises), list every dictionary form of
    the language's forms and near misses, and look each form up once."""
    info = LANGUAGES[lang]
    start = time.perf_counter()
    lexicon = Lexicon(get_morphology(kind, lang), info.affixes, info.max_affixes, decode=False)
    for lemma in sorted({l for _, gold in FORMS[lang] for l in gold} | {l for _, l in NEAR[lang]}):
        lexicon.add(lemma)
    lexicon.keys_for("warmup")  # lemmatizers load their tables on the first word
    load = time.perf_counter() - start
    forms, near = FORMS[lang], NEAR[lang]
    results, costs = [], []
    for form, _ in forms:
        start = time.perf_counter()
        results.append(lexicon.keys_for(form))
        costs.append(time.perf_counter() - start)
    per_token = statistics.median(costs) * 1e6  # the median: other processes share the cores
    hits = [bool(set(keys) & set(gold)) for keys, (_, gold) in zip(results, forms)]
    misses = [form for hit, (form, _) in zip(hits, forms) if not hit]
    false = [(w, l) for w, l in near if l in lexicon.keys_for(w)]
    print(f"  {kind:22} recall {sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.3f}   "
          f"near misses reached {len(false)}/{len(near)}   load {load * 1000:.0f} ms   "
          f"median {per_token:.1f} us/new token")
    if show and misses:
        print("      missed:", ", ".join(misses[:show]))
    if show and false:
        print("      wrongly reached:", ", ".join(f"{w}->{l}" for w, l in false[:show]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=8, help="misses and false hits to list per back-end")
    ap.add_argument("--only", nargs=2, metavar=("LANG", "KIND"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.only:
        compare(*args.only, args.show)
        return
    for lang in FORMS:
        print(f"{lang}: {len(FORMS[lang])} inflected forms, {len(NEAR[lang])} near misses", flush=True)
        for kind in CANDIDATES[lang]:
            # A fresh interpreter for each, so that the load time includes importing the back-end.
            subprocess.run([sys.executable, __file__, "--show", str(args.show), "--only", lang, kind], check=True)


if __name__ == "__main__":
    main()
