"""Checksum validators for regex rules (`validate:`), backed by python-stdnum and phonenumbers,
and the tests secret scanners apply to a candidate secret (placeholders, entropy, JWT shape).

Each takes the matched text and says whether it really is such a number or secret, so an
order number shaped like a card, a booking reference shaped like a kennitala, or
`AKIAXXXXXXXXXXXXXXXX` in a how-to is not flagged.
"""
from __future__ import annotations

import base64
import binascii
import datetime
import json
import math
from collections import Counter
from functools import lru_cache
from typing import Callable

import regex

_NOT_DIGIT = regex.compile(r"\D")
_NOT_ALNUM = regex.compile(r"[^0-9A-Za-z]")


def _digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text)


def _alnum(text: str) -> str:
    return _NOT_ALNUM.sub("", text).upper()


# ------------------------------------------------------------------ secrets

# A value that stands for a secret rather than being one: a template variable, a mask, a
# bracketed hint, or a word people type where the real value goes.
_TEMPLATE = regex.compile(r"""(?x)
      \$?\{\{.*\}\} | \$\{[^}]*\}? | \$\([^)]*\)? | \$[A-Za-z_]\w* | \$\d+   # {{x}} ${x} $(cmd) $X $1
    | <[^<>]*> | \[[^\[\]]*\] | %[A-Za-z_]\w*% | @[A-Za-z_]\w*@              # <your-key> [PASSWORD] %X% @X@
    | \{[A-Za-z_ .]*\}                                                      # {password}
    | [*•·.…xX#_-]+ | (.)\1*                                                # ****, xxxx, one character
""")
_PLACEHOLDER_WORD = regex.compile(r"""(?ix)
      example | placeholder | sample | dummy | fake | redacted | changeme | change_me | changeit
    | your[_-]?\w*?(?:key|token|secret|pass) | insert[_-]?(?:key|token|secret|pass|here) | replace[_-]?me
""")
_PLACEHOLDER_VALUE = frozenset("""
    pass password passwd pwd secret token key apikey test testing tester none null nil true false
    empty undefined hidden masked removed foo bar foobar baz qux user username login admin
    value string mypassword mysecret mytoken
""".split())


def _unquoted(text: str) -> str:
    return text.strip().strip("'\"`").strip()


def _is_placeholder(value: str) -> bool:
    return (_TEMPLATE.fullmatch(value) is not None or _PLACEHOLDER_WORD.search(value) is not None
            or value.casefold() in _PLACEHOLDER_VALUE or _filler(value))


def _filler(value: str) -> bool:
    """A slot filled by holding one key down: one character makes up most of the value
    (`AIzaaaaaaaaaaaaaaaaaaa`, `xoxb-xxxxxxxxx`)."""
    return len(value) >= 6 and Counter(value).most_common(1)[0][1] > 0.6 * len(value)


def _ascending_run(value: str, length: int = 6) -> bool:
    """abcdef, 123456, ABCDEF...: typed by hand to fill a slot, never drawn at random."""
    run = 1
    for a, b in zip(value, value[1:]):
        run = run + 1 if ord(b) == ord(a) + 1 and a.isalnum() and b.isalnum() else 1
        if run >= length:
            return True
    return False


def shannon_entropy(value: str) -> float:
    """Bits per character of `value`'s own character frequencies."""
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values()) if n else 0.0


def secret(text: str) -> bool:
    """A value written where a password or secret goes: not a template, mask or stand-in word,
    four characters or more, at least one of them a letter or digit."""
    value = _unquoted(text)
    return (len(value) >= 4 and any(ch.isalnum() for ch in value) and not _is_placeholder(value))


_NOT_A_TOKEN = regex.compile(r"""(?x)
      [a-z][a-z0-9+.-]*://\S*                                  # a URL
    | \.{0,2}/[\w./-]* | [\w-]+(?:/[\w.-]+)+ | \w:\\\S*        # a path
    | (?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?                # a host name
    | [\w-]+\.(?:json|ya?ml|txt|pem|crt|p12|pfx|key|env|ini|cfg|conf|xml|js|py)  # a file name
""")


def token(text: str) -> bool:
    """A random-looking token: a `secret` of eight characters or more with a digit in it, as
    much entropy as so short a string can carry, no hand-typed run such as `abcdef`, and not
    a URL, path, host or file name."""
    value = _unquoted(text)
    if not secret(value) or len(value) < 8 or _NOT_A_TOKEN.fullmatch(value) or _ascending_run(value):
        return False
    if not any(ch.isdigit() for ch in value):
        return False
    return shannon_entropy(value) >= min(2.75, math.log2(len(value)) - 0.5)


_HEX = regex.compile(r"[0-9a-fA-F]{32,}")
_BASE64 = regex.compile(r"[A-Za-z0-9+/_=-]{20,}")


def high_entropy(text: str) -> bool:
    """A string no person would type, as detect-secrets measures it: hex of 32 digits or more
    with at least 3 bits of entropy a character, or base64 with at least 4.5."""
    value = _unquoted(text)
    if _is_placeholder(value) or _ascending_run(value):
        return False
    if _HEX.fullmatch(value):
        return shannon_entropy(value) >= 3.0 and any(ch.isalpha() for ch in value)
    return _BASE64.fullmatch(value) is not None and shannon_entropy(value) >= 4.5


_PAIR_QUOTES = "'\"`"


def credential_pair(text: str) -> bool:
    """`user:password` as curl's `-u` or a URL carries it: the password (or the user alone, as
    API tokens are often sent with an empty password) is a real `secret`."""
    whole = text.strip()
    if _TEMPLATE.fullmatch(whole):
        return False
    user, sep, password = whole.partition(":") if not whole.startswith(tuple(_PAIR_QUOTES)) else \
        _split_quoted_pair(whole)
    if not sep:
        return False
    user, password = _unquoted(user), _unquoted(password)
    return secret(password) if password else secret(user)


def _split_quoted_pair(text: str) -> tuple[str, str, str]:
    """`"user":"pass"` or `"user:pass"`: split at the first colon outside a quoted user name
    that ends before it."""
    quote = text[0]
    end = text.find(quote, 1)
    if end > 0 and text[end + 1:end + 2] == ":":
        return text[:end + 1], ":", text[end + 2:]
    return text.strip(_PAIR_QUOTES).partition(":")


def _b64json(part: str):
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw


def jwt(text: str) -> bool:
    """A JSON Web Token: a header that decodes to an object naming its algorithm or type, and
    claims that decode to a JSON object (the signature may be missing, as with `alg: none`)."""
    parts = text.strip().split(".")
    if len(parts) < 2 or len(parts) > 3:
        return False
    header, claims = _b64json(parts[0]), _b64json(parts[1])
    if header is None or claims is None:
        return False
    header = header.strip()
    if not (header.startswith(b"{") and header.endswith(b"}") and (b'"alg"' in header or b'"typ"' in header)):
        return False
    try:
        return isinstance(json.loads(claims.decode("utf-8")), dict)
    except (UnicodeDecodeError, ValueError):
        return False


# ------------------------------------------------------------ payment cards

# Issuer prefixes (IIN ranges) and the lengths each network issues.
_CARD_NETWORKS = (
    (("4",), (13, 16, 19)),                                                   # Visa
    (tuple(str(p) for p in range(51, 56)) + tuple(str(p) for p in range(2221, 2721)), (16,)),  # Mastercard
    (("34", "37"), (15,)),                                                    # American Express
    (("6011", "65") + tuple(str(p) for p in range(644, 650)), (16, 19)),      # Discover
    (("300", "301", "302", "303", "304", "305", "36", "38", "39"), (14, 16, 19)),  # Diners Club
    (tuple(str(p) for p in range(3528, 3590)), (16, 19)),                     # JCB
    (("62", "81"), (16, 17, 18, 19)),                                         # UnionPay
    (("50",) + tuple(str(p) for p in range(56, 70)), tuple(range(12, 20))),   # Maestro
    (("2200", "2201", "2202", "2203", "2204"), (16,)),                        # Mir
    (("1",), (15,)),                                                          # UATP
)


def luhn(text: str) -> bool:
    """A payment card number: the length one card network issues for its prefix, passing the
    Luhn check, not all one digit."""
    from stdnum import luhn as _luhn

    digits = _digits(text)
    if len(set(digits)) <= 1 or not _luhn.is_valid(digits):
        return False
    return any(digits.startswith(prefixes) and len(digits) in lengths for prefixes, lengths in _CARD_NETWORKS)


def iban(text: str) -> bool:
    from stdnum import iban as _iban

    return _iban.is_valid(_alnum(text))


# ---------------------------------------------------------- national IDs

def _born(date: datetime.date) -> bool:
    """A birth date of someone alive to be written about: not in the future, not before 1880."""
    return datetime.date(1880, 1, 1) <= date <= datetime.date.today()


def kennitala(text: str) -> bool:
    """An Icelandic kennitala of a person: a real date and the mod-11 check digit. A company's
    kennitala (day plus 40) is public, so it does not count."""
    from stdnum.is_ import kennitala as _kt

    digits = _digits(text)
    return _kt.is_valid(digits) and len(digits) == 10 and int(digits[:2]) <= 31


def emso(text: str) -> bool:
    """A Slovenian EMŠO (also the Yugoslav JMBG scheme): real date, mod-11 check digit."""
    from stdnum.si import emso as _emso

    return _emso.is_valid(_digits(text))


def embg(text: str) -> bool:
    """A Macedonian ЕМБГ: the JMBG scheme EMŠO shares, with python-stdnum's checksum.
    stdnum's EMŠO check also insists on a Slovenian region code, so only the date and check
    digit are tested here, with a Macedonian region (41-49)."""
    from stdnum.si import emso as _emso

    digits = _digits(text)
    if len(digits) != 13 or not 41 <= int(digits[7:9]) <= 49:
        return False
    try:
        _emso.get_birth_date(digits)
    except Exception:
        return False
    return _emso.calc_check_digit(digits[:12]) == digits[12]


def il_id(text: str) -> bool:
    """An Israeli Teudat Zehut number with its check digit."""
    from stdnum.il import idnr

    digits = _digits(text)
    return len(digits) == 9 and idnr.is_valid(digits)


def pps(text: str) -> bool:
    """An Irish PPS number with its mod-23 check letter."""
    from stdnum.ie import pps as _pps

    return _pps.is_valid(_NOT_ALNUM.sub("", text))


# Numbers the issuers published as examples, printed on sample cards and forms.
_PUBLISHED_SSNS = frozenset({"123456789", "078051120", "219099999", "457555462"})


def ssn(text: str) -> bool:
    """A US Social Security number: area, group and serial in the ranges the SSA issues, and
    not one of the published specimen numbers."""
    from stdnum.us import ssn as _ssn

    digits = _digits(text)
    return len(digits) == 9 and digits not in _PUBLISHED_SSNS and _ssn.is_valid(digits)


# The IRS issues ITIN groups 50-65, 70-88, 90-92 and 94-99; python-stdnum still knows only the
# ranges from before 2011 (70-99).
_ITIN_GROUPS = frozenset(range(50, 66)) | frozenset(range(70, 89)) | {90, 91, 92} | frozenset(range(94, 100))


def itin(text: str) -> bool:
    """A US Individual Taxpayer Identification Number: 9xx with a group the IRS issues, and
    not 987-65-4320 to 4329, which the SSA keeps for advertisements."""
    digits = _digits(text)
    return (len(digits) == 9 and digits[0] == "9" and int(digits[3:5]) in _ITIN_GROUPS
            and not digits.startswith("98765432"))


_NINO = regex.compile(r"(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]")


def nino(text: str) -> bool:
    """A UK National Insurance number: a prefix HMRC allocates (no D F I Q U V, not O second,
    none of BG GB KN NK NT TN ZZ), six digits, a suffix A-D. There is no check digit."""
    return _NINO.fullmatch(_alnum(text)) is not None


def nhs(text: str) -> bool:
    """A UK NHS number with its mod-11 check digit."""
    from stdnum.gb import nhs as _nhs

    digits = _digits(text)
    return len(digits) == 10 and len(set(digits)) > 1 and _nhs.is_valid(digits)


def ca_sin(text: str) -> bool:
    """A Canadian Social Insurance Number: Luhn check, and a first digit the government issues
    to people (0 and 8 are not)."""
    from stdnum.ca import sin

    digits = _digits(text)
    return len(digits) == 9 and digits[0] not in "08" and len(set(digits)) > 1 and sin.is_valid(digits)


def es_dni(text: str) -> bool:
    """A Spanish DNI (eight digits, a leading zero may be left out) or NIE (X, Y or Z and seven
    digits), with its check letter: the NIF of a person, not a company's CIF."""
    from stdnum.es import dni, nie

    value = _alnum(text)
    if value[:1].isdigit():
        return dni.is_valid(value.zfill(9))
    return nie.is_valid(value)


def pesel(text: str) -> bool:
    """A Polish PESEL: a birth date (the month carries the century) and its check digit."""
    from stdnum.pl import pesel as _pesel

    digits = _digits(text)
    if len(digits) != 11 or not _pesel.is_valid(digits):
        return False
    return _born(_pesel.get_birth_date(digits))


def personnummer(text: str) -> bool:
    """A Swedish personnummer (or samordningsnummer): a birth date and the Luhn check digit."""
    from stdnum.se import personnummer as _pnr

    value = text.strip()
    if not _pnr.is_valid(value):
        return False
    return _born(_pnr.get_birth_date(value))


# Since 2023 Finland also writes the century as Y X W V U (1900s) and B C D E F (2000s).
_HETU_CENTURY = str.maketrans({**dict.fromkeys("YXWVU", "-"), **dict.fromkeys("BCDEF", "A")})


def hetu(text: str) -> bool:
    """A Finnish henkilötunnus: a birth date, a century sign, an individual number and the
    mod-31 check character."""
    from stdnum.fi import hetu as _hetu

    value = text.strip().upper()
    if len(value) != 11:
        return False
    value = value[:6] + value[6].translate(_HETU_CENTURY) + value[7:]
    return _hetu.is_valid(value, allow_temporary=True)


def aadhaar(text: str) -> bool:
    """An Indian Aadhaar number with its Verhoeff check digit."""
    from stdnum.in_ import aadhaar as _aadhaar

    return _aadhaar.is_valid(_digits(text))


def au_tfn(text: str) -> bool:
    """An Australian Tax File Number with its weighted check."""
    from stdnum.au import tfn

    return tfn.is_valid(_digits(text))


def za_id(text: str) -> bool:
    """A South African ID number: a birth date, citizenship digit and the Luhn check."""
    from stdnum.za import idnr

    return idnr.is_valid(_digits(text))


def nz_ird(text: str) -> bool:
    """A New Zealand IRD number: eight or nine digits with Inland Revenue's mod-11 check digit.
    stdnum also caps the value at the range issued so far; that cap moves as numbers are
    issued, so only the check digit is required (the rule asks for the word "IRD" as well)."""
    from stdnum.nz import ird

    digits = _digits(text)
    return len(digits) in (8, 9) and int(digits) > 10_000_000 and ird.calc_check_digit(digits[:-1]) == digits[-1]


_NRIC_LETTERS = {"S": "JZIHGFEDCBA", "T": "JZIHGFEDCBA", "F": "XWUTRQPNMLK", "G": "XWUTRQPNMLK",
                 "M": "XWUTRQPNJLK"}
_NRIC_OFFSET = {"S": 0, "F": 0, "T": 4, "G": 4, "M": 3}


def sg_nric(text: str) -> bool:
    """A Singapore NRIC or FIN (S, T, F, G or M, seven digits, a check letter). python-stdnum
    has no NRIC, so this is the published weighted mod-11 check."""
    value = _alnum(text)
    if len(value) != 9 or value[0] not in _NRIC_LETTERS or not value[1:8].isdigit():
        return False
    total = sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2), value[1:8])) + _NRIC_OFFSET[value[0]]
    return _NRIC_LETTERS[value[0]][total % 11] == value[8]


def au_medicare(text: str) -> bool:
    """An Australian Medicare card number: ten digits (an eleventh, the person's position on
    the card, may follow), the first 2 to 6, the ninth a weighted check of the first eight.
    python-stdnum has no Medicare number."""
    digits = _digits(text)
    if len(digits) not in (10, 11) or digits[0] not in "23456":
        return False
    return sum(w * int(d) for w, d in zip((1, 3, 7, 9, 1, 3, 7, 9), digits)) % 10 == int(digits[8])


def in_pan(text: str) -> bool:
    """An Indian PAN of a person: stdnum's format check with a fourth letter P (individual),
    since a company's PAN is no personal data."""
    from stdnum.in_ import pan

    value = _alnum(text)
    return pan.is_valid(value) and value[3] == "P"


# ------------------------------------------------------------------ e-mail

_SPELLED_AT = regex.compile(r"\s*[\[({]\s*\w+\s*[\])}]\s*")


def personal_email(text: str) -> bool:
    """An address that reaches a person rather than a role mailbox: its local part holds a
    given name, an initial, digits or a word no dictionary knows ('dana.reyes', 'jsmith84'),
    not only common words ('lostproperty', 'customer.care'). An address spelled out to dodge
    filters ('lena [at] mail [dot] com') always counts."""
    from ..normalize.addresses import is_role_mailbox

    if "@" not in text or _SPELLED_AT.search(text):
        return True
    return not is_role_mailbox(text.split("@", 1)[0])


# ------------------------------------------------------------------ phones

def phone(text: str) -> bool:
    """A phone number that libphonenumber deems valid, written internationally or in the
    national format of one of the regions our users post from. Written nationally it starts
    with that region's trunk prefix where the region has one (a German number is written
    030..., so `401-023-2138` is no German number)."""
    import phonenumbers

    from ..languages import phone_regions

    stripped = text.strip()
    international = stripped.startswith(("+", "00"))
    raw = "+" + stripped[2:] if stripped.startswith("00") else text
    for region in [None] if international else phone_regions():
        if region is not None and not _starts_with_trunk_prefix(_digits(text), region):
            continue
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.number_type(number) not in _service_lines()
        # libphonenumber rejects ranges kept for fiction and tests (Ofcom's 07700 900xxx), yet a
        # number written with its country code is plainly meant as a phone number, unless the
        # trunk 0 was kept after the country code, as in a run of digit groups such as an IBAN's.
        if international and phonenumbers.is_possible_number(number) and not _digits(raw)[
                len(str(number.country_code)):].startswith("0"):
            return True
    return False


@lru_cache(maxsize=1)
def _service_lines() -> frozenset[int]:
    """libphonenumber's types of numbers that a business publishes (freephone, premium rate,
    shared cost, universal access, voicemail): never a person's phone."""
    from phonenumbers import PhoneNumberType as T

    return frozenset({T.TOLL_FREE, T.PREMIUM_RATE, T.SHARED_COST, T.UAN, T.VOICEMAIL})


def _starts_with_trunk_prefix(digits: str, region: str) -> bool:
    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix if metadata else None
    return not prefix or prefix == "1" or digits.startswith(prefix)


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn, "iban": iban, "kennitala": kennitala, "emso": emso, "embg": embg,
    "il_id": il_id, "pps": pps, "phone": phone, "personal_email": personal_email,
    "ssn": ssn, "itin": itin, "nino": nino, "nhs": nhs, "ca_sin": ca_sin, "es_dni": es_dni,
    "pesel": pesel, "personnummer": personnummer, "hetu": hetu, "aadhaar": aadhaar, "au_tfn": au_tfn, "za_id": za_id,
    "nz_ird": nz_ird, "sg_nric": sg_nric, "au_medicare": au_medicare, "in_pan": in_pan,
    "secret": secret, "token": token, "high_entropy": high_entropy, "credential_pair": credential_pair, "jwt": jwt,
}
