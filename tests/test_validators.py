"""Checksums from python-stdnum and phonenumbers, the secret scanners' tests for a candidate
secret, and the edge cases they leave to us."""
import pytest

from compliance.matchers.validators import (
    VALIDATORS, aadhaar, au_tfn, ca_sin, credential_pair, embg, emso, es_dni, hetu, high_entropy, iban, il_id, itin,
    jwt, kennitala, luhn, nhs, nino, pesel, personnummer, phone, pps, secret, shannon_entropy, ssn, token, za_id)


@pytest.mark.parametrize("fn,good,bad", [
    (luhn, "4111 1111 1111 1111", "5412 7609 3358 1146"),
    (luhn, "2221-0012-4573-6613", "0000 0000 0000 0000"),   # all one digit passes Luhn but is no card
    (luhn, "3714 496353 98431", "1748 5035 4301 2"),          # Luhn-valid, but no network issues 13 digits from 1
    (iban, "SI56 0292 2005 1837 474", "SI56 0292 2005 1837 475"),
    (iban, "de89-3704-0044-0532-0130-00", "de89-3704-0044-0532-0130-01"),
    (kennitala, "120174-3399", "230491-7749"),
    (kennitala, "120174-3399", "510310-2410"),               # a company's kennitala (day + 40) is public
    (emso, "0101006500006", "0704992505117"),
    (embg, "0101990450006", "0101990500006"),                # a Slovenian region code is no ЕМБГ
    (il_id, "203158472", "318472965"),
    (pps, "8462751HA", "8462751HB"),
    (ssn, "536-90-4399", "666-90-4399"),                     # 666 is never issued
    (ssn, "536 90 4399", "123-45-6789"),                     # the specimen on sample forms
    (itin, "912-53-1234", "912-89-1234"),                    # groups 50-65 are issued since 2011, 89 never
    (nino, "ab 12 34 56 c", "QQ 12 34 56 C"),                # QQ is HMRC's specimen prefix
    (nino, "JK987654D", "BG987654D"),
    (nhs, "943 476 5919", "943 476 5918"),
    (ca_sin, "527-318-067", "046 454 286"),                  # valid Luhn, but 0 is not issued to people
    (es_dni, "12345678Z", "12345678A"),
    (es_dni, "1111111-G", "B12345674"),                      # a leading zero may be left out; a company CIF is no DNI
    (es_dni, "X1234567L", "X1234567M"),
    (pesel, "44051401458", "44051401459"),
    (personnummer, "19871220-2384", "19001309-2393"),        # month 13
    (hetu, "131052-308T", "131052-308U"),
    (hetu, "020594X903P", "020594X903Q"),                    # the century signs added in 2023
    (aadhaar, "2345 6789 0124", "2345 6789 0125"),
    (au_tfn, "865 413 273", "865 413 274"),
    (za_id, "8001015009087", "8001015009088"),
    (phone, "+44 7700 900461", "+44 12"),
    (phone, "041 555 123", "12"),
])
def test_validators(fn, good, bad):
    assert fn(good) and not fn(bad)


def test_luhn_needs_a_card_length():
    assert not luhn("18")  # valid Luhn, far too short for a card


@pytest.mark.parametrize("born", ["992101", "708101"])  # 2099-01-01 and 1870-01-01: nobody to write about
def test_pesel_birth_date_is_of_someone_living(born):
    from stdnum.pl import pesel as stdnum_pesel

    number = born + "0000"
    number += stdnum_pesel.calc_check_digit(number)
    assert stdnum_pesel.is_valid(number) and not pesel(number)


def test_phone_numbers_written_nationally_start_with_the_trunk_prefix():
    assert phone("030 901820")           # Berlin, written as Germans write it
    assert not phone("401-023-2138")    # the same digits are no German number without the 0


def test_phone_with_country_code_keeps_no_trunk_zero_inside_digit_groups():
    assert phone("+44 (0)20 7946 0958")  # valid as written
    assert not phone("0044 0532 0130")  # a run of IBAN groups, not +44 phone


@pytest.mark.parametrize("value", [
    "${DB_PASSWORD}", "$(cat ./secret.txt)", "{{ .Values.password }}", "${{ secrets.TOKEN }}", "<your-key>",
    "[PASSWORD]", "%API_KEY%", "$API_KEY", "$1", "{password}", "****", "xxxxxxxx", "changeme", "password",
    "test", "somefakekey", "EXAMPLE_KEY_123", "YOUR_API_KEY", "yyy", "abc",
])
def test_stand_ins_are_no_secret(value):
    assert not secret(value)


@pytest.mark.parametrize("value", ["Tr0ub4dor&3", "value with quotes and spaces", "m{{h}o)p${e]n!", "hunter22"])
def test_real_values_are_secrets(value):
    assert secret(value)


@pytest.mark.parametrize("value", [
    "AKIAXXXXXXXXXXXXXXXX", "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "AIzaSyabcdefghijklmnopqrstuvwxyz1234567",
    "AKIAIOSFODNN7EXAMPLE", "consistency", "https://auth.example.com/token", "env/cert.p12", "db.internal.example.com:5432",
    "SPRINGSALE",
])
def test_fillers_and_names_are_no_tokens(value):
    assert not token(value)


@pytest.mark.parametrize("value", [
    "Zq7Lm2Vx9Rt4Kw8N", "8f2c4e6a1b3d5f7091a2c4e6b8d0f1a3", "5e1c9b7a-3d2f-4a8e-b6c1-0f9d2e7a4b3c", "Vb7Kq2Lz9X",
])
def test_random_values_are_tokens(value):
    assert token(value)


def test_entropy_is_bits_per_character():
    assert shannon_entropy("aaaa") == 0 and shannon_entropy("abcd") == 2


def test_high_entropy_strings_follow_detect_secrets_limits():
    assert high_entropy("9f86d081884c7d659a2feaa0c55ad015")    # hex, 32 digits
    assert not high_entropy("9f86d081884c7d65")                  # hex, too short
    assert high_entropy("Xk4mZ9qLw2Rt7Vb1Nc8Hy3Jf6Pd0Sa5Ge+Uo/Ti")
    assert not high_entropy("c2VjcmV0IHZhbHVlIGhlcmU=")          # base64 of plain words: too little entropy


@pytest.mark.parametrize("pair,ok", [
    ("ops:Zr8!kQ2m", True), ("'deploy:T4vL9pX2w'", True), ('"ci":"Qx7vB2nL9"', True), ("sk_test_4eC39HqLyjWDarjtT1zdp7dc:", True),
    (":Zr8!kQ2m", True), ("username:password", False), ("user:pass", False), ('"$USER:$TOKEN"', False),
    ("admin:[PASSWORD]", False), ("<user:password>", False), ("me", False), ('"${{ env.ID }}:${{ env.PASS }}"', False),
])
def test_credential_pairs(pair, ok):
    assert credential_pair(pair) is ok


def test_jwt_needs_a_header_naming_its_algorithm_and_json_claims():
    header, claims = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJzdWIiOiJhbm5hIn0"
    assert jwt(f"{header}.{claims}.c2lnbmF0dXJl") and jwt(f"{header}.{claims}.") and jwt(f"{header}.{claims}")
    assert not jwt(f"eyJzb21lIjoidGhpbmcifQ.{claims}.c2ln")       # {"some":"thing"}: no alg or typ
    assert not jwt(f"{header}.eyJub3QganNvbg.c2ln")                # claims are not JSON
    assert not jwt(header)


def test_every_validator_is_named_in_the_schema_enum():
    from compliance.packs.schema import pack_schema

    assert pack_schema()["$defs"]["rule"]["properties"]["validate"]["enum"] == sorted(VALIDATORS)


@pytest.mark.parametrize("address,personal", [
    ("dana.reyes@outlook.com", True), ("jsmith84@example.com", True), ("lena.k@gmail.com", True),
    ("grace@studio.example", True),            # a given name that is also a word
    ("biljana.trajkovska@yahoo.com", True), ("lena [at] gmail [dot] com", True),
    ("lostproperty@hotel.example", False), ("customer.care@shop.example", False),
    ("wellbeing@brennans.example", False), ("fjolmidlar@hafsbraut.is", False), ("prodaja@firma.si", False),
])
def test_a_role_mailbox_is_no_persons_address(address, personal):
    assert VALIDATORS["personal_email"](address) is personal


@pytest.mark.parametrize("number,personal", [
    ("07700 900461", True), ("(212) 555-0147", True),
    ("0800 046 7731", False), ("1-800-555-0199", False), ("0870 123 4567", False),   # freephone, toll-free, shared cost
])
def test_a_service_line_is_no_persons_phone(number, personal):
    assert VALIDATORS["phone"](number) is personal
