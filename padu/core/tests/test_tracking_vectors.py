"""Known answers for tracking numbers, worked out by hand from the documented algorithm
(padu/core/tracking.py): Crockford's base-32 body of 8 characters, then Crockford's mod-37
check symbol. Nothing here calls the code under test to compute what it expects.

The algorithm, as documented:

    body alphabet (value 0..31):  0123456789ABCDEFGHJKMNPQRSTVWXYZ   (no I, L, O, U)
    check alphabet (value 0..36): the same 32, then * ~ $ = U for 32, 33, 34, 35, 36
    check value = (the body read as one base-32 number) mod 37

Letter values used below: A=10 B=11 C=12 D=13 E=14 F=15 G=16 H=17 J=18 K=19 M=20 N=21 P=22
Q=23 R=24 S=25 T=26 V=27 W=28 X=29 Y=30 Z=31.

By hand, the body d0 d1 ... d7 is d0*32^7 + ... + d7*32^0; mod 37 each power of 32 is:
    32^0 = 1
    32^1 = 32
    32^2 = 1024 = 27*37 + 25            -> 25
    32^3 = 25*32 = 800 = 21*37 + 23     -> 23
    32^4 = 23*32 = 736 = 19*37 + 33     -> 33
    32^5 = 33*32 = 1056 = 28*37 + 20    -> 20
    32^6 = 20*32 = 640 = 17*37 + 11     -> 11
    32^7 = 11*32 = 352 = 9*37 + 19      -> 19
so the weights of positions 0..7 are 19, 11, 20, 33, 23, 25, 32, 1, and

    0000-0000: 0                                             -> 0  -> "0"
    0000-0001: 1                                             -> 1  -> "1"
    0000-000Z: 31                                            -> 31 -> "Z"
    0000-0010: 1*32 = 32                                     -> 32 -> "*"
    0000-0011: 32 + 1 = 33                                   -> 33 -> "~"
    0000-0012: 32 + 2 = 34                                   -> 34 -> "$"
    0000-0013: 32 + 3 = 35                                   -> 35 -> "="
    0000-0014: 32 + 4 = 36                                   -> 36 -> "U"
    0000-0015: 32 + 5 = 37 = 1*37 + 0                        -> 0  -> "0"
    1000-0000: 1*19 = 19                                     -> 19 -> "K"
    ZZZZ-ZZZZ: 31*(19+11+20+33+23+25+32+1) = 31*164 = 5084 = 137*37 + 15
                                                             -> 15 -> "F"
               (check: 2^40 - 1, and 2^36 = 1 mod 37, so 2^4 - 1 = 15)
    K7M3-9QXC: 19*19 + 7*11 + 20*20 + 3*33 + 9*23 + 23*25 + 29*32 + 12*1
             = 361 + 77 + 400 + 99 + 207 + 575 + 928 + 12 = 2659 = 71*37 + 32
                                                             -> 32 -> "*"
    HJKM-NPQR: 17*19 + 18*11 + 19*20 + 20*33 + 21*23 + 22*25 + 23*32 + 24*1
             = 323 + 198 + 380 + 660 + 483 + 550 + 736 + 24 = 3354 = 90*37 + 24
                                                             -> 24 -> "R"
    STVW-XYZ0: 25*19 + 26*11 + 27*20 + 28*33 + 29*23 + 30*25 + 31*32 + 0*1
             = 475 + 286 + 540 + 924 + 667 + 750 + 992 + 0 = 4634 = 125*37 + 9
                                                             -> 9  -> "9"
    A1B2-C3D4: 10*19 + 1*11 + 11*20 + 2*33 + 12*23 + 3*25 + 13*32 + 4*1
             = 190 + 11 + 220 + 66 + 276 + 75 + 416 + 4 = 1258 = 34*37 + 0
                                                             -> 0  -> "0"
    9Z8Y-7X6W: 9*19 + 31*11 + 8*20 + 30*33 + 7*23 + 29*25 + 6*32 + 28*1
             = 171 + 341 + 160 + 990 + 161 + 725 + 192 + 28 = 2768 = 74*37 + 30
                                                             -> 30 -> "Y"
"""

from __future__ import annotations

import pytest

from padu.core.tracking import check_symbol, new_tracking_number, normalise_tracking_number

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

KNOWN = [
    "0000-0000-0",
    "0000-0001-1",
    "0000-000Z-Z",
    "0000-0010-*",
    "0000-0011-~",
    "0000-0012-$",
    "0000-0013-=",
    "0000-0014-U",
    "0000-0015-0",
    "1000-0000-K",
    "ZZZZ-ZZZZ-F",
    "K7M3-9QXC-*",
    "HJKM-NPQR-R",
    "STVW-XYZ0-9",
    "A1B2-C3D4-0",
    "9Z8Y-7X6W-Y",
]


@pytest.mark.parametrize("number", KNOWN)
def test_the_check_symbol_matches_the_hand_worked_value(number):
    body, check = number[:4] + number[5:9], number[10]
    assert check_symbol(body) == check


@pytest.mark.parametrize("number", KNOWN)
def test_a_known_number_reads_back_in_any_spelling(number):
    assert normalise_tracking_number(number) == number
    assert normalise_tracking_number(number.lower().replace("-", " ")) == number
    assert normalise_tracking_number(number.replace("-", "")) == number


@pytest.mark.parametrize("number", KNOWN)
def test_every_one_character_typo_is_caught(number):
    for position in (0, 1, 2, 3, 5, 6, 7, 8, 10):
        for typed in CROCKFORD + "*~$=U":
            if typed == number[position] or (position != 10 and typed not in CROCKFORD):
                continue
            wrong = number[:position] + typed + number[position + 1 :]
            assert normalise_tracking_number(wrong) is None, wrong


@pytest.mark.parametrize("number", KNOWN)
def test_every_swap_of_neighbours_is_caught(number):
    body = number[:4] + number[5:9]
    for i in range(7):
        if body[i] == body[i + 1]:
            continue
        swapped = body[:i] + body[i + 1] + body[i] + body[i + 2 :]
        assert normalise_tracking_number(f"{swapped[:4]}-{swapped[4:]}-{number[10]}") is None, swapped


def test_typos_and_swaps_written_out():
    assert normalise_tracking_number("HJKM-NPQR-R") == "HJKM-NPQR-R"
    assert normalise_tracking_number("HJKM-NPQS-R") is None  # R typed as S
    assert normalise_tracking_number("HJKM-NPRQ-R") is None  # Q and R swapped
    assert normalise_tracking_number("JHKM-NPQR-R") is None  # H and J swapped
    assert normalise_tracking_number("HJKM-NPQR-S") is None  # wrong check symbol
    assert normalise_tracking_number("K7M3-9QXC-Z") is None  # Z is not its check symbol: * is
    assert normalise_tracking_number("0000-0014-V") is None  # U, not V, stands for 36


def test_letters_read_aloud_as_digits_are_accepted():
    # I and L are read as 1, O as 0; U never appears in a body.
    assert normalise_tracking_number("IOOO-OOOO-K") == "1000-0000-K"
    assert normalise_tracking_number("l000 0000 k") == "1000-0000-K"
    assert normalise_tracking_number("0000-00U4-U") is None


def test_new_numbers_use_only_the_documented_alphabet():
    for _ in range(200):
        number = new_tracking_number()
        assert len(number) == 11 and number[4] == number[9] == "-"
        assert all(ch in CROCKFORD for ch in number[:4] + number[5:9]), number
        assert number[10] in CROCKFORD + "*~$=U", number
        assert normalise_tracking_number(number) == number
