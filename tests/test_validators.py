"""Checksums from python-stdnum and phonenumbers, and the edge cases they leave to us."""
import pytest

from compliance.matchers.validators import embg, emso, iban, il_id, kennitala, luhn, phone, pps


@pytest.mark.parametrize("fn,good,bad", [
    (luhn, "4111 1111 1111 1111", "5412 7609 3358 1146"),
    (luhn, "2221-0012-4573-6613", "0000 0000 0000 0000"),   # all one digit passes Luhn but is no card
    (iban, "SI56 0292 2005 1837 474", "SI56 0292 2005 1837 475"),
    (kennitala, "120174-3399", "230491-7749"),
    (emso, "0101006500006", "0704992505117"),
    (embg, "0101990450006", "0101990500006"),                # a Slovenian region code is no ЕМБГ
    (il_id, "203158472", "318472965"),
    (pps, "8462751HA", "8462751HB"),
    (phone, "+44 7700 900461", "+44 12"),
    (phone, "041 555 123", "12"),
])
def test_validators(fn, good, bad):
    assert fn(good) and not fn(bad)


def test_luhn_needs_a_card_length():
    assert not luhn("18")  # valid Luhn, far too short for a card
