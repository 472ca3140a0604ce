"""The template sandbox: only the given context, only safe tags and filters."""

from __future__ import annotations

import datetime as dt
import io
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from padu.core.actors import OPERATOR
from padu.core.errors import Forbidden, InvalidInput
from padu.core.roles import Role
from padu.documents.models import LetterTemplate
from padu.documents.rendering import (
    LETTER_CSS,
    html_to_pdf,
    letter_to_pdf,
    render_body,
    render_letter_html,
    tanggal_indonesia,
)
from padu.documents.services import letter_template_save
from tests.factories import actor_for, make_staff


def test_placeholders_render_and_escape():
    out = render_body("<p>{{ pemohon.nama|upper }}</p>", {"pemohon": {"nama": "<b>Budi</b>"}})
    assert out == "<p>&lt;B&gt;BUDI&lt;/B&gt;</p>"


def test_settings_and_private_attributes_are_out_of_reach():
    assert render_body("[{{ settings.SECRET_KEY }}]", {}) == "[]"
    assert render_body("[{{ request.user }}{{ nomor.upper }}]", {"nomor": "1/A"}) == "[1/A]"
    with pytest.raises(InvalidInput):
        render_body("{{ nomor.__class__ }}", {"nomor": "x"})


@pytest.mark.parametrize(
    "body",
    [
        "{% load static %}{% static 'x' %}",
        "{% load portal %}",
        "{% include 'portal/base.html' %}",
        "{% debug %}",
        "{% url 'portal:home' %}",
        "{{ x|safe }}",
    ],
)
def test_dangerous_tags_and_filters_fail_clearly(body):
    with pytest.raises(InvalidInput) as err:
        render_body(body, {"x": "<script>"})
    assert err.value.code == "template_invalid"


def _letter(body_html: str, number: str) -> str:
    values = {
        "nomor": number,
        "tanggal": "27 November 2026",
        "instansi": {"nama": "Desa Cileunyi Kulon", "alamat": "Jl. Raya Cileunyi No. 10"},
        "penandatangan": {"nama": "Asep Suryana", "jabatan": "Kepala Desa", "nip": "197001012000031001"},
    }
    return render_letter_html(
        title="Surat Keterangan", body_html=body_html, values=values, place="Bandung", verify_url="", qr=""
    )


def _layout(pdf: bytes) -> list[tuple[tuple[float, ...], bytes, str, list[str]]]:
    """What a reader of the letter gets, page by page: the page box, the drawing operations
    (every glyph, line and colour at its position), the text, and the fonts by name. Not the
    bytes of the file: where WeasyPrint subsets fonts with fontTools, each embedded subset
    carries the time it was made, so two renderings of one letter a second apart differ
    there and nowhere else."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        fonts = cast(DictionaryObject, resources.get("/Font", DictionaryObject()).get_object())
        contents = page.get_contents()
        assert contents is not None
        pages.append(
            (
                tuple(float(x) for x in page.mediabox),
                contents.get_data(),
                page.extract_text(),
                sorted(str(cast(DictionaryObject, font.get_object())["/BaseFont"]) for font in fonts.values()),
            )
        )
    return pages


def test_letters_laid_out_by_the_shared_stylesheet_match_the_inline_one():
    # The letter stylesheet is parsed once and reused; every letter must still come out
    # as it does with the stylesheet inlined in the page: same pages, same text, same layout.
    for number, body in (("001/SKD/XI/2026", "<p>Budi Santoso</p>"), ("002/SKD/XI/2026", "<p>Siti</p><p>Dua</p>")):
        html = _letter(body, number)
        assert "<style" not in html
        inline = html.replace("</head>", f"<style>{LETTER_CSS}</style></head>")
        shared = _layout(letter_to_pdf(html))
        assert shared == _layout(html_to_pdf(inline))
        assert number in shared[0][2] and "Asep Suryana" in shared[0][2]
    assert _layout(html_to_pdf(html)) != _layout(letter_to_pdf(html))  # without it, no letter layout


def test_a_template_with_its_own_style_meets_the_letter_layout_in_the_author_cascade():
    html = _letter("<style>p { color: #333; }</style><p>Budi</p>", "003/SKD/XI/2026")
    assert html.count(LETTER_CSS) == 1
    assert html.index(LETTER_CSS) < html.index("color: #333")
    assert _layout(letter_to_pdf(html)) == _layout(html_to_pdf(html))


def test_the_layout_comparison_does_not_depend_on_the_clock(monkeypatch):
    # Where HarfBuzz-Subset is missing, WeasyPrint subsets fonts with fontTools, which stamps
    # each subset with the time (SOURCE_DATE_EPOCH when set). Two renderings "a minute apart"
    # then differ in their bytes, as they did on a new machine, but never in their layout.
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)  # the fontTools path
    html = _letter("<p>Budi Santoso</p>", "004/SKD/XI/2026")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    early = letter_to_pdf(html)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000061")
    late = letter_to_pdf(html)
    assert early != late
    assert _layout(early) == _layout(late)


def test_indonesian_date_in_the_agency_time_zone(agency):
    late_evening_utc = dt.datetime(2026, 11, 26, 18, 30, tzinfo=dt.UTC)  # 01:30 on the 27th in WIB
    assert tanggal_indonesia(late_evening_utc, agency) == "27 November 2026"


def test_saving_makes_a_new_version_and_keeps_the_old(agency):
    first = letter_template_save(actor=OPERATOR, agency=agency, kind="sk", name="SK", body="<p>a</p>")
    second = letter_template_save(actor=OPERATOR, agency=agency, kind="sk", name="SK", body="<p>b</p>")
    first.refresh_from_db()
    assert (first.version, first.is_active, second.version, second.is_active) == (1, False, 2, True)
    assert LetterTemplate.objects.filter(agency=agency, kind="sk").count() == 2


def test_a_bad_template_is_refused_on_save(agency):
    with pytest.raises(InvalidInput):
        letter_template_save(actor=OPERATOR, agency=agency, kind="sk", name="SK", body="{% load i18n %}")


def test_only_agency_admins_edit_templates(agency):
    signer = make_staff(agency, Role.SIGNER)
    with pytest.raises(Forbidden):
        letter_template_save(actor=actor_for(signer), agency=agency, kind="sk", name="SK", body="<p>a</p>")
