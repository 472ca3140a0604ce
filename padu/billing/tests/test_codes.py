from hypothesis import given
from hypothesis import strategies as st

from padu.billing.codes import (
    BODY_LENGTH,
    CODE_LENGTH,
    check_digits,
    group_code,
    is_valid_code,
    new_code,
    new_proof_number,
    normalise_code,
)

bodies = st.text(alphabet="0123456789", min_size=BODY_LENGTH, max_size=BODY_LENGTH)


def _code(body: str) -> str:
    return body + check_digits(body)


@given(bodies)
def test_a_code_with_its_check_digits_is_valid(body):
    assert is_valid_code(_code(body))


@given(bodies, st.integers(0, CODE_LENGTH - 1), st.integers(1, 9))
def test_every_single_digit_error_is_caught(body, position, shift):
    code = _code(body)
    wrong = code[:position] + str((int(code[position]) + shift) % 10) + code[position + 1 :]
    assert not is_valid_code(wrong)


@given(bodies, st.integers(0, CODE_LENGTH - 2))
def test_every_adjacent_transposition_is_caught(body, position):
    code = _code(body)
    a, b = code[position], code[position + 1]
    swapped = code[:position] + b + a + code[position + 2 :]
    if a != b:
        assert not is_valid_code(swapped)


def test_the_transposition_luhn_misses_is_caught():
    # 09 ↔ 90 keeps the Luhn sum; MOD 97-10 sees it.
    body = "123409123456"
    assert not is_valid_code(_code(body).replace("09", "90", 1))


def test_new_codes_are_valid_typeable_and_distinct():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(is_valid_code(c) and c[0] != "0" and len(c) == CODE_LENGTH for c in codes)


def test_people_may_type_the_code_in_groups():
    code = new_code()
    assert normalise_code(group_code(code)) == code
    assert normalise_code(code[:4] + "-" + code[4:]) == code


def test_wrong_lengths_letters_and_other_digits_are_invalid():
    code = new_code()
    assert not is_valid_code(code[:-1])
    assert not is_valid_code(code + "0")
    assert not is_valid_code("A" + code[1:])
    assert not is_valid_code("١" * CODE_LENGTH)  # Arabic-Indic digits are digits to isdigit()
    assert not is_valid_code("")


def test_proof_numbers_avoid_look_alike_characters():
    numbers = {new_proof_number() for _ in range(500)}
    assert len(numbers) == 500
    assert not any(set(n) & set("01OIB8") for n in numbers)
