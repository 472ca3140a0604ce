"""Letter bodies for administrators who do not write HTML: plain paragraphs with placeholders
from a list, broken templates explained by line in the reader's language, and the signer's
preview of the letter as it will be issued."""

from __future__ import annotations

import pytest
from django.utils import translation

from padu.core.actors import OPERATOR
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import NumberCounter
from padu.core.roles import Role
from padu.documents.bodytext import body_to_text, text_to_body
from padu.documents.models import LetterTemplate
from padu.documents.services import letter_preview_html, letter_template_save
from tests.factories import actor_for, make_staff

KNOWN = ("pemohon.nama", "pemohon.alamat", "nomor", "instansi.nama")
TEXT = (
    "Yang bertanda tangan di bawah ini menerangkan bahwa {{pemohon.nama}}\n"
    "beralamat di {{ pemohon.alamat }} & sekitarnya.\n"
    "\n"
    "Keperluan: {{ jawaban.keperluan }} <dengan hormat>."
)
BODY = (
    "<p>Yang bertanda tangan di bawah ini menerangkan bahwa {{ pemohon.nama }}<br>"
    "beralamat di {{ pemohon.alamat }} &amp; sekitarnya.</p>"
    "<p>Keperluan: {{ jawaban.keperluan }} &lt;dengan hormat&gt;.</p>"
)


def test_text_becomes_paragraphs_with_placeholders_and_comes_back():
    assert text_to_body(TEXT, KNOWN) == BODY
    assert body_to_text(BODY) == TEXT.replace("{{pemohon.nama}}", "{{ pemohon.nama }}")
    # A body with a table (or a tag) is HTML only.
    assert body_to_text('<table class="identity"><tr><td>Nama</td></tr></table>') is None
    assert body_to_text("<p>{% if x %}a{% endif %}</p>") is None


def test_text_problems_are_named_by_line():
    with translation.override("en"), pytest.raises(InvalidInput) as err:
        text_to_body("Nama: {{ pemohon.nama }}\nNIK: {{ pemohon.nikk }}\n\n{% if x %}ya{% endif %}\n{{ nomor", KNOWN)
    assert err.value.code == "template_invalid"
    assert err.value.errors["body"] == [
        "Line 2: “{{ pemohon.nikk }}” is not one of the placeholders in the list.",
        "Line 4: “{%” starts a tag, which only the HTML editor allows.",
        "Line 5: a placeholder opened with “{{” is not closed with “}}”.",
    ]


def test_a_text_template_is_saved_as_html_and_keeps_its_text(agency):
    template = letter_template_save(
        actor=OPERATOR,
        agency=agency,
        kind="sk_domisili",
        name="Surat Keterangan Domisili",
        body=TEXT,
        body_format="text",
        placeholders=KNOWN,
    )
    assert (template.body, template.body_format) == (BODY, "text")
    assert template.body_text == TEXT
    with pytest.raises(InvalidInput) as err:
        letter_template_save(
            actor=OPERATOR, agency=agency, kind="sk_domisili", name="x", body="{{ rahasia }}", body_format="text"
        )
    assert err.value.code == "template_invalid"
    assert LetterTemplate.objects.filter(agency=agency, kind="sk_domisili").count() == 1  # the refused one left nothing


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<p>Nama: {{ pemohon.nama }}</p>\n<p>{% load static %}</p>",
            "Line 2: the tag “load” cannot be used in a letter template "
            "(allowed: if, for, with, comment, firstof, spaceless, cycle, verbatim).",
        ),
        (
            "<p>\n{% if pemohon.nama %}\nBudi</p>",
            "Line 2: the tag “if” is opened but never closed (“endif” is missing).",
        ),
        (
            "<p>a</p>\n\n<p>{{ pemohon.nama|safe }}</p>",
            "Line 3: the filter “safe” cannot be used in a letter template.",
        ),
        (
            "<p>{{ pemohon nama }}</p>",
            "Line 1: “{{ pemohon nama }}” is not written correctly. A placeholder looks like {{ pemohon.nama }}.",
        ),
        ("<p>ok</p>\n{% endfor %}", "Line 2: “endfor” has no opening tag to close."),
    ],
)
def test_a_broken_template_is_explained_by_line_not_by_django(agency, body, expected):
    with translation.override("en"), pytest.raises(InvalidInput) as err:
        letter_template_save(actor=OPERATOR, agency=agency, kind="sk_domisili", name="x", body=body)
    assert err.value.code == "template_invalid"
    assert err.value.errors["body"] == [expected]
    assert "TemplateSyntaxError" not in str(err.value.message) and "Did you forget" not in str(err.value.message)


def test_an_unknown_way_of_writing_is_refused(agency):
    with pytest.raises(InvalidInput) as err:
        letter_template_save(actor=OPERATOR, agency=agency, kind="k", name="x", body="<p>a</p>", body_format="docx")
    assert err.value.code == "template_format_invalid"


def test_the_signer_previews_the_letter_as_it_will_be_issued(agency, signer):
    template = letter_template_save(
        actor=OPERATOR,
        agency=agency,
        kind="sk_domisili",
        name="Surat Keterangan Domisili",
        body="<p>Menerangkan bahwa {{ pemohon.nama }} berdomisili di sini.</p><script>alert(1)</script>"
        '<style>p{color:red}</style><p onclick="x()">Demikian.</p>',
    )
    html = letter_preview_html(
        actor=actor_for(signer.user),
        template=template,
        context={"pemohon": {"nama": "Budi <Santoso>"}},
        signer_membership=signer,
        number="004/SKD/XI/2026",
    )
    assert "Menerangkan bahwa Budi &lt;Santoso&gt; berdomisili di sini." in html
    assert "004/SKD/XI/2026" in html and "Surat Keterangan Domisili" in html
    assert "Asep Suryana" in html and "Kepala Desa Cileunyi Kulon" in html and "197001012000031001" in html
    assert "<script" not in html and "alert" not in html and "onclick" not in html and "color:red" not in html
    assert not NumberCounter.objects.filter(agency=agency).exists()  # nothing taken


def test_only_the_signer_or_the_admin_previews_a_letter_for_signing(agency, signer, template):
    verifier = make_staff(agency, Role.VERIFIER)
    with pytest.raises(Forbidden):
        letter_preview_html(
            actor=actor_for(verifier), template=template, context={}, signer_membership=signer, number="-"
        )
    assert "Asep Suryana" in letter_preview_html(
        actor=actor_for(signer.user), template=template, context={}, signer_membership=signer, number="-"
    )
