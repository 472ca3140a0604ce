"""Made-up population files for the import tests: the generators of
padu.registries.imports.samples (invented people, structurally valid NIKs), plus files that
must be refused. Never real personal data."""

from __future__ import annotations

from typing import Any

from padu.registries.imports.samples import (
    Person,
    bip_xlsx,
    people,
    register_persons,
    siak_csv,
    siak_xlsx,
    template_csv,
    template_example_csv,
    template_example_xlsx,
    template_xlsx,
)
from tests.factories import tiny_pdf

__all__ = [
    "Person",
    "bip_xlsx",
    "people",
    "register_persons",
    "siak_csv",
    "siak_xlsx",
    "template_csv",
    "template_example_csv",
    "template_example_xlsx",
    "template_xlsx",
    "pdf_file",
    "xls_file",
    "unknown_csv",
]


def pdf_file() -> bytes:
    return tiny_pdf()


def xls_file() -> bytes:
    """The first bytes of an old Excel (BIFF, OLE2) file."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def unknown_csv() -> bytes:
    return b"kode;barang;harga\n1;beras;12000\n2;gula;15000\n"


def family(persons: list[Person], n: int) -> list[Person]:
    """The members of the n-th KK of `persons` (0-based)."""
    kks: list[str] = []
    for p in persons:
        if p.kk not in kks:
            kks.append(p.kk)
    return [p for p in persons if p.kk == kks[n]]


def with_changes(persons: list[Person], index: int, **kw: Any) -> list[Person]:
    out = list(persons)
    out[index] = out[index].replace(**kw)
    return out
