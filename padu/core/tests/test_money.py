"""The money kit on known-answer vectors: reading, writing and spelling whole Rupiah."""

from decimal import Decimal

import pytest

from padu.core.errors import InvalidInput
from padu.core.money import AmountInvalid, format_rupiah, parse_rupiah, terbilang, thousands

VECTORS = [
    # amount, written, in words
    (0, "Rp0", "nol"),
    (1, "Rp1", "satu"),
    (999, "Rp999", "sembilan ratus sembilan puluh sembilan"),
    (1000, "Rp1.000", "seribu"),
    (1_250_000, "Rp1.250.000", "satu juta dua ratus lima puluh ribu"),
    (1_000_000_000_000, "Rp1.000.000.000.000", "satu triliun"),
]


@pytest.mark.parametrize(("amount", "written", "words"), VECTORS)
def test_known_answers(amount, written, words):
    assert format_rupiah(amount) == written
    assert thousands(amount) == written.removeprefix("Rp")
    assert terbilang(amount) == words
    assert parse_rupiah(written) == amount
    assert parse_rupiah(str(amount)) == amount
    assert parse_rupiah(amount) == amount


def test_terbilang_for_a_receipt():
    assert terbilang(1_250_000, currency=True, sentence=True) == "Satu juta dua ratus lima puluh ribu rupiah"
    assert terbilang(150_000, currency=True) == "seratus lima puluh ribu rupiah"


def test_a_negative_amount_keeps_its_sign_after_the_symbol():
    assert format_rupiah(-50_000) == "Rp-50.000"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rp 1.250.000", 1_250_000),
        ("Rp1.250.000", 1_250_000),
        ("rp. 1.250.000", 1_250_000),
        ("IDR 1,250,000", 1_250_000),
        ("1250000", 1_250_000),
        (" 1.250.000 ", 1_250_000),
        ("1 250 000", 1_250_000),
        ("1.250.000,00", 1_250_000),
        ("1.250.000,-", 1_250_000),
        ("1,250,000.00", 1_250_000),
        ("150000.00", 150_000),
        ("150000,0", 150_000),
        ("150.000", 150_000),
        ("150,000", 150_000),
        ("007", 7),
        (Decimal("1250000"), 1_250_000),
        (Decimal("1250000.00"), 1_250_000),
        (1250000.0, 1_250_000),
    ],
)
def test_what_people_and_banks_write(text, value):
    assert parse_rupiah(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Rp",
        "abc",
        "satu juta",
        "1 juta",
        "1,5jt",
        "-100",
        "Rp -100",
        "1.250.000,50",  # sen
        "150000.50",
        "12.5",
        "1.25",
        "15.00.000",  # misplaced dots
        "1.2.3",
        "1,250.000",
        "1e6",
        "0x10",
        "9" * 19,  # beyond any amount Padu keeps
        "0" * 5000,
        -1,
        True,
        1.5,
        float("nan"),
        float("inf"),
        Decimal("-1"),
        Decimal("0.5"),
        None,
        ["100"],
    ],
)
def test_garbage_negatives_and_sen_are_refused(text):
    with pytest.raises(AmountInvalid) as caught:
        parse_rupiah(text)
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.code == "amount_invalid" and caught.value.status == 400
