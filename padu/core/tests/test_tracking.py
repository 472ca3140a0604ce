from hypothesis import given
from hypothesis import strategies as st

from padu.core.tracking import (
    ALPHABET,
    check_character,
    legacy_check_symbol,
    new_tracking_number,
    normalise_tracking_number,
)


def test_a_new_number_reads_back():
    number = new_tracking_number()
    assert len(number) == 11 and number[4] == "-" and number[9] == "-"
    assert number[10] in ALPHABET
    assert normalise_tracking_number(number) == number
    assert normalise_tracking_number(number.lower().replace("-", " ")) == number


def test_letters_people_confuse_are_read_as_digits():
    body = "10K3M0QX"
    number = f"{body[:4]}-{body[4:]}-{check_character(body)}"
    assert normalise_tracking_number(number.replace("1", "I").replace("0", "O")) == number


@given(st.text(alphabet=ALPHABET, min_size=8, max_size=8), st.integers(0, 7), st.sampled_from(ALPHABET))
def test_one_wrong_character_is_caught(body, position, replacement):
    if body[position] == replacement:
        return
    wrong = body[:position] + replacement + body[position + 1 :]
    assert normalise_tracking_number(f"{wrong[:4]}-{wrong[4:]}-{check_character(body)}", legacy=False) is None


@given(st.text(alphabet=ALPHABET, min_size=8, max_size=8), st.sampled_from(ALPHABET))
def test_a_wrong_check_character_is_caught(body, typed):
    if typed == check_character(body):
        return
    assert normalise_tracking_number(f"{body[:4]}-{body[4:]}-{typed}", legacy=False) is None


@given(st.text(alphabet=ALPHABET, min_size=8, max_size=8))
def test_an_old_number_is_still_found_by_its_old_check_symbol(body):
    old = f"{body[:4]}-{body[4:]}-{legacy_check_symbol(body)}"
    assert normalise_tracking_number(old) == old
    new = f"{body[:4]}-{body[4:]}-{check_character(body)}"
    assert normalise_tracking_number(new) == new
