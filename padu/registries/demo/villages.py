"""The demo villages, their territory, and the names and places its people get."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# The demo's "today", and the day the first SIAK export was loaded (two years before).
TODAY = dt.date(2026, 11, 30)
LOADED_ON = dt.date(2024, 12, 31)
EVENTS_FROM = dt.date(2025, 1, 2)
DISTRICT = "32.04.05"  # Kecamatan Cileunyi
IMPORT_NOTE = "Data awal dari ekspor SIAK Disdukcapil Kabupaten Bandung"
# What the first load records as each person's history (see `_load`).
LOAD_HISTORY = ("nik", "name", "sex", "birth_date", "family_id", "relationship", "area_id")


# ---- the villages ----


@dataclass(frozen=True)
class DusunSpec:
    name: str
    head: str
    kampung: tuple[str, ...]  # the hamlets' and streets' names used in addresses
    rws: tuple[tuple[int, str, int], ...]  # (RW number, head, how many RT)


@dataclass(frozen=True)
class VillageSpec:
    slug: str
    code: str
    seed: int
    registrar: str
    families: int
    serial_base: int  # NIK and KK serials of this village start here (unique within it)
    dusun: tuple[DusunSpec, ...]


VILLAGES = (
    VillageSpec(
        "desa-cileunyi-kulon",
        "CKL",
        2001,
        "penduduk.cileunyikulon@padu.test",
        548,
        1000,
        (
            DusunSpec(
                "Dusun Cikoneng",
                "Dadang Suherman",
                ("Kp. Cikoneng", "Kp. Cikoneng Girang", "Jl. Cikoneng"),
                ((1, "Endang Rukmana", 4), (2, "Aep Saepulloh", 3), (3, "Odang Supriatna", 4)),
            ),
            DusunSpec(
                "Dusun Pandanwangi",
                "Tatang Sutisna",
                ("Jl. Pandanwangi", "Kp. Pandanwangi", "Jl. Pasirjati"),
                ((4, "Mamat Rahmat", 3), (5, "Yana Mulyana", 4)),
            ),
            DusunSpec(
                "Dusun Babakan",
                "Jajang Nurjaman",
                ("Kp. Babakan", "Kp. Babakan Sari", "Jl. Babakan Cileunyi"),
                ((6, "Komar Sopandi", 3), (7, "Engkus Kusnadi", 4), (8, "Ruhiyat Hidayat", 3)),
            ),
        ),
    ),
    VillageSpec(
        "desa-cileunyi-wetan",
        "CKW",
        2002,
        "penduduk.cileunyiwetan@padu.test",
        552,
        5000,
        (
            DusunSpec(
                "Dusun Cileunyi Girang",
                "Ujang Permana",
                ("Jl. Raya Cileunyi", "Kp. Cileunyi Girang", "Gg. Mesjid"),
                ((1, "Cecep Hermawan", 4), (2, "Deden Ruhimat", 3), (3, "Nana Sunarya", 3)),
            ),
            DusunSpec(
                "Dusun Cibiru Hilir",
                "Wawan Gunawan",
                ("Kp. Cibiru Hilir", "Jl. Cibiru Hilir", "Kp. Sukasari"),
                ((4, "Eman Sulaeman", 4), (5, "Yayat Supriatna", 3)),
            ),
            DusunSpec(
                "Dusun Sindangsari",
                "Iwan Ridwan",
                ("Kp. Sindangsari", "Kp. Cipadung", "Jl. Sindangsari"),
                ((6, "Odih Sutardi", 4), (7, "Asep Ruhiyat", 3)),
            ),
        ),
    ),
)

# Where newcomers and temporary residents came from: (district code of their NIK and KK, place).
ORIGINS = (
    ("32.05.01", "Garut Kota, Kab. Garut"),
    ("32.11.01", "Wado, Kab. Sumedang"),
    ("32.06.01", "Cipatujah, Kab. Tasikmalaya"),
    ("32.73.01", "Sukasari, Kota Bandung"),
    ("31.71.01", "Gambir, Jakarta Pusat"),
)

# ---- names (Sundanese and Indonesian, by generation) ----

MALE_OLD = (
    "Asep Ujang Dadang Cecep Dede Eman Engkus Iwan Jajang Komar Mamat Nana Odang Rahmat Tatang Wawan "
    "Yayan Yana Aep Agus Deden Endang Entis Acep Dudung Encep Oman Otong Udin Usep Ade Dodi Aan Atang"
).split()
FEMALE_OLD = (
    "Euis Neneng Iis Imas Enok Entin Cucu Elis Ai Nani Nia Lilis Yati Eti Tati Rina Siti Dewi Sri "
    "Ratna Yanti Rini Popon Titin Dedeh Enung Eneng Iyah Onah Unah Anah Tuti Yeni Cicih Atikah"
).split()
MALE_YOUNG = (
    "Rizki Fajar Ilham Galih Ridwan Fikri Dimas Rendi Reza Yoga Bagas Andika Fauzan Hilman Ikhsan "
    "Raka Rangga Gilang Dafa Alif Rafi Arkan Azka Farhan Haikal Naufal Zidan Abizar Kenzi"
).split()
FEMALE_YOUNG = (
    "Salsabila Aulia Nabila Zahra Putri Aisyah Nadia Syifa Anisa Rahma Dinda Intan Kirana Alya Nayla "
    "Keisha Naura Azzahra Hana Shafa Zaskia Raisa Khanza Adiba Arsyila Fitri Sinta Tiara Rara"
).split()
MALE_SECOND = (
    "Saepudin Suryana Hidayat Permana Kurniawan Gunawan Setiawan Sopyan Hermawan Rustandi Mulyana "
    "Supriatna Ruhimat Nugraha Firmansyah Ramdani Maulana Sutisna Hamdani Kusnadi Sobari Rohman "
    "Hakim Suherman Sunandar Solihin Fauzi Ramdhan Saputra Pratama Hidayatulloh Nurjaman"
).split()
FEMALE_SECOND = (
    "Komariah Hasanah Rohaeti Nurjanah Marlina Kurniasih Rahayu Suryani Sumiati Maryati Handayani "
    "Lestari Fitriani Herlina Nurlela Rosita Wulandari Aminah Nurhasanah Sulastri Mulyani Rosmiati "
    "Nuraeni Kartika Ramadhani Azzahra Khoerunnisa Nurfadilah Maharani Safitri"
).split()
CHRISTIAN_MALE = "Yohanes Daniel Samuel Yosef Stefanus Markus Paulus Timotius Andreas Petrus".split()
CHRISTIAN_FEMALE = "Maria Debora Yohana Grace Ester Ruth Kristina Elisabeth Magdalena Agustina".split()
CHRISTIAN_SECOND = "Sihombing Simanjuntak Tambunan Kusuma Wijaya Santoso Gunadi Hartanto Setiadi".split()
BIRTH_PLACES = (
    ("Bandung", 70),
    ("Garut", 6),
    ("Sumedang", 5),
    ("Tasikmalaya", 4),
    ("Cianjur", 3),
    ("Ciamis", 3),
    ("Majalengka", 2),
    ("Kuningan", 2),
    ("Subang", 2),
    ("Jakarta", 2),
    ("Bogor", 1),
)


def _pick(rng: random.Random, weighted: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - int((on.month, on.day) < (birth.month, birth.day))
