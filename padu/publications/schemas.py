from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class NewsSummaryOut(Schema):
    id: int
    agency: str
    agency_name: str
    kind: str
    title: str
    slug: str
    summary: str
    publish_at: dt.datetime | None
    pinned: bool
    cover_url: str | None
    cover_alt: str
    url: str


class NewsOut(NewsSummaryOut):
    body: str
    status: str
    pinned_until: dt.datetime | None
    updated_at: dt.datetime


class NewsIn(Schema):
    kind: str = "news"
    title: str = Field(..., max_length=200)
    slug: str = Field("", max_length=120)
    summary: str = Field("", max_length=300)
    body: str
    pinned_until: dt.datetime | None = None


class NewsPatch(Schema):
    kind: str | None = None
    title: str | None = Field(None, max_length=200)
    slug: str | None = Field(None, max_length=120)
    summary: str | None = Field(None, max_length=300)
    body: str | None = None
    pinned_until: dt.datetime | None = None


class PublishIn(Schema):
    publish_at: dt.datetime | None = None


class RelationOut(Schema):
    id: int
    kind: str
    label: str
    direction: str
    other_id: int | None
    citation: str
    note: str


class LegalSummaryOut(Schema):
    id: int
    agency: str
    agency_name: str
    doc_type: str
    type_name: str
    number: str
    year: int
    title: str
    citation: str
    status: str
    date_enacted: dt.date | None
    date_promulgated: dt.date | None
    url: str


class LegalOut(LegalSummaryOut):
    place_enacted: str
    signer: str
    initiator: str
    subject: str
    field_of_law: str
    language: str
    source: str
    abstract: str
    pdf_url: str | None
    pdf_sha256: str
    pdf_pages: int | None
    published_at: dt.datetime | None
    relations: list[RelationOut]


class LegalIn(Schema):
    doc_type: str
    number: str = Field(..., max_length=50)
    year: int
    title: str = Field(..., max_length=500)
    place_enacted: str = ""
    date_enacted: dt.date | None = None
    date_promulgated: dt.date | None = None
    signer: str = ""
    initiator: str = ""
    subject: str = ""
    field_of_law: str = ""
    language: str = "id"
    source: str = ""
    status: str = "berlaku"
    abstract: str = ""


class LegalPatch(Schema):
    doc_type: str | None = None
    number: str | None = Field(None, max_length=50)
    year: int | None = None
    title: str | None = Field(None, max_length=500)
    place_enacted: str | None = None
    date_enacted: dt.date | None = None
    date_promulgated: dt.date | None = None
    signer: str | None = None
    initiator: str | None = None
    subject: str | None = None
    field_of_law: str | None = None
    language: str | None = None
    source: str | None = None
    status: str | None = None
    abstract: str | None = None


class RelationIn(Schema):
    kind: str
    target_id: int | None = None
    target_citation: str = ""
    note: str = ""


class JdihnOut(Schema):
    """One record of the JDIHN integration feed (all values are strings)."""

    idData: str  # noqa: N815 - JDIHN's field names
    tahun_pengundangan: str
    tanggal_pengundangan: str
    tanggal_penetapan: str
    jenis: str
    noPeraturan: str  # noqa: N815
    judul: str
    noPanggil: str  # noqa: N815
    singkatanJenis: str  # noqa: N815
    tempatTerbit: str  # noqa: N815
    penerbit: str
    deskripsiFisik: str  # noqa: N815
    sumber: str
    subjek: str
    isbn: str
    status: str
    bahasa: str
    bidangHukum: str  # noqa: N815
    teuBadan: str  # noqa: N815
    nomorIndukBuku: str  # noqa: N815
    penandatangan: str
    pemrakarsa: str
    fileDownload: str  # noqa: N815
    urlDownload: str  # noqa: N815
    urlDetailPeraturan: str  # noqa: N815
    abstrak: str
    operasi: str
    display: str
    lastUpdated: str  # noqa: N815
