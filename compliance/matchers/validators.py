"""Checksum validators for regex rules (`validate:`), backed by python-stdnum and phonenumbers.

Each takes the matched text and says whether it really is such a number, so an order
number shaped like a card, or a booking reference shaped like a kennitala, is not flagged.
"""
from __future__ import annotations

from typing import Callable

import regex

_NOT_DIGIT = regex.compile(r"\D")
_NOT_ALNUM = regex.compile(r"[^0-9A-Za-z]")


def _digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text)


def luhn(text: str) -> bool:
    """A payment card number: 13 to 19 digits passing the Luhn check, not all one digit."""
    from stdnum import luhn as _luhn

    digits = _digits(text)
    return 13 <= len(digits) <= 19 and len(set(digits)) > 1 and _luhn.is_valid(digits)


def iban(text: str) -> bool:
    from stdnum import iban as _iban

    return _iban.is_valid(_NOT_ALNUM.sub("", text))


def kennitala(text: str) -> bool:
    """An Icelandic kennitala: a real date and the mod-11 check digit."""
    from stdnum.is_ import kennitala as _kt

    return _kt.is_valid(_digits(text))


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


def phone(text: str) -> bool:
    """A phone number that libphonenumber deems valid, written internationally or in the
    national format of one of the regions our users post from."""
    import phonenumbers

    from ..languages import phone_regions

    international = text.strip().startswith(("+", "00"))
    raw = "+" + text.strip()[2:] if text.strip().startswith("00") else text
    for region in [None] if international else phone_regions():
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        # libphonenumber rejects ranges kept for fiction and tests (Ofcom's 07700 900xxx), yet a
        # number written with its country code is plainly meant as a phone number.
        if phonenumbers.is_valid_number(number) or (international and phonenumbers.is_possible_number(number)):
            return True
    return False


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": luhn, "iban": iban, "kennitala": kennitala, "emso": emso, "embg": embg,
    "il_id": il_id, "pps": pps, "phone": phone,
}
