"""Letters in the staff console: the administrator's letter editor (plain text with
placeholders from a list, HTML for experts), how the office numbers its letters, the signer
who reads the letter before signing and confirms, and the applicant's history naming each
step by its role."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from padu.core.actors import OPERATOR, Actor
from padu.core.models import AuditEvent, Membership, NumberCounter
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.core.web.console import SESSION_KEY
from padu.documents.models import IssuedDocument, LetterTemplate
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.services.models import Application
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.factories import make_citizen

pytestmark = pytest.mark.django_db

PATTERN = "[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]"
NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)  # 27 Nov 2026, 10:00 WIB
EN = {"django_language": "en"}


def _login(client, agency, role, email):
    person = f.staff(agency, role, email)
    if role in (Role.AGENCY_ADMIN, Role.SIGNER, Role.APPROVER):
        f.with_totp(person)
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    client.cookies["django_language"] = "en"
    return person


# ---- the letter editor ----


@pytest.fixture
def office():
    agency = f.agency(code="DS-CKL")
    make_service(agency, document_kind="skd")
    return agency


def test_the_admin_writes_a_letter_as_text_with_placeholders_from_the_list(client, office):
    _login(client, office, Role.AGENCY_ADMIN, "admin@example.id")
    url = reverse("portal:console_letter_new")
    page = client.get(url).content.decode()
    # The list comes from code: the letter's data, the applicant (NIK masked too), the form's answers.
    for path in ("nomor", "pemohon.nama", "pemohon.nik_samaran", "pemohon.alamat", "penandatangan.nama"):
        assert f'<option value="{path}">' in page, path
    assert 'value="jawaban.keperluan"' not in page  # no kind yet: no service's answers
    posted = {"name": "Surat Keterangan Domisili", "kind": "skd", "body_format": "text", "body": "Menerangkan bahwa"}
    # Without JavaScript, "Insert" adds the placeholder at the end and saves nothing.
    page = client.post(url, {**posted, "do": "insert", "placeholder": "pemohon.nama"}).content.decode()
    assert "Menerangkan bahwa {{ pemohon.nama }}</textarea>" in page
    assert 'value="jawaban.keperluan"' in page  # the kind names a service: its answers are offered
    assert not LetterTemplate.objects.exists()
    text = (
        "Menerangkan bahwa {{ pemohon.nama }} (NIK {{ pemohon.nik_samaran }})\nberdomisili di sini.\n\n"
        "Keperluan: {{ jawaban.keperluan }}"
    )
    response = client.post(url, {**posted, "body": text, "do": "save"})
    assert response.status_code == 302
    template = LetterTemplate.objects.get(agency=office, kind="skd")
    assert template.body_format == "text" and template.body_text == text
    assert template.body == (
        "<p>Menerangkan bahwa {{ pemohon.nama }} (NIK {{ pemohon.nik_samaran }})<br>berdomisili di sini.</p>"
        "<p>Keperluan: {{ jawaban.keperluan }}</p>"
    )
    # Editing shows the text as it was written, not the HTML made from it.
    page = client.get(reverse("portal:console_letter_edit", args=["skd"])).content.decode()
    assert "berdomisili di sini.\n\nKeperluan:" in page and "&lt;p&gt;" not in page
    assert AuditEvent.objects.get(verb="letter_template.saved").changes["body_format"] == "text"


def test_switching_to_html_and_back(client, office):
    _login(client, office, Role.AGENCY_ADMIN, "admin@example.id")
    url = reverse("portal:console_letter_new")
    base = {"name": "Surat", "kind": "skd", "do": "switch"}
    page = client.post(url, {**base, "body_format": "text", "body": "Nama: {{ pemohon.nama }}\n\nSelesai"}).content
    page = page.decode()
    assert "&lt;p&gt;Nama: {{ pemohon.nama }}&lt;/p&gt;&lt;p&gt;Selesai&lt;/p&gt;</textarea>" in page
    assert 'name="body_format" value="html"' in page and "Write it as plain text" in page
    page = client.post(url, {**base, "body_format": "html", "body": "<p>Nama: {{ pemohon.nama }}</p>"}).content.decode()
    assert "Nama: {{ pemohon.nama }}</textarea>" in page and 'name="body_format" value="text"' in page
    # HTML the plain editor cannot show stays HTML, with a clear message on the body.
    table = '<table class="identity"><tr><td>Nama</td><td>{{ pemohon.nama }}</td></tr></table>'
    page = client.post(url, {**base, "body_format": "html", "body": table}).content.decode()
    assert "error-summary" in page and "keep editing it as HTML" in page
    assert 'name="body_format" value="html"' in page
    assert not LetterTemplate.objects.exists()


def test_a_broken_template_gets_a_friendly_error_naming_the_line(client, office):
    _login(client, office, Role.AGENCY_ADMIN, "admin@example.id")
    url = reverse("portal:console_letter_new")
    body = "<p>Menerangkan bahwa {{ pemohon.nama }}</p>\n{% if pemohon.nik %}\n<p>NIK {{ pemohon.nik }}</p>"
    page = client.post(
        url, {"name": "Surat", "kind": "skd", "body_format": "html", "body": body, "do": "save"}
    ).content.decode()
    assert "Line 2: the tag “if” is opened but never closed (“endif” is missing)." in page
    assert 'href="#id_body"' in page
    assert "TemplateSyntaxError" not in page and "Unclosed tag" not in page and "Did you forget" not in page
    # In text mode a placeholder that is not in the list is named with its line.
    page = client.post(
        url, {"name": "Surat", "kind": "skd", "body_format": "text", "body": "Baik\n{{ pemohon.nama_ibu }}"}
    ).content.decode()
    assert "Line 2: “{{ pemohon.nama_ibu }}” is not one of the placeholders in the list." in page
    assert not LetterTemplate.objects.exists()


def test_only_the_admin_edits_letters_and_numbering(client, office):
    _login(client, office, Role.VERIFIER, "verif@example.id")
    assert client.post(reverse("portal:console_letters"), {"scope": "classification"}).status_code == 403
    assert client.get(reverse("portal:console_letter_new")).status_code == 403
    office.refresh_from_db()
    assert "letter_numbering" not in office.settings


def test_the_admin_chooses_how_letters_are_numbered(client, office):
    number_pattern_set(actor=OPERATOR, agency=office, kind="skd", pattern=PATTERN, classification_code="400.12.2")
    _login(client, office, Role.AGENCY_ADMIN, "admin@example.id")
    url = reverse("portal:console_letters")
    with time_machine.travel(NOW, tick=False):
        page = client.get(url).content.decode()
    assert 'value="agency" id="id_scope_0" required checked' in page  # one agenda: the default
    assert "001/400.12.2/DS-CKL/XI/2026" in page  # the next number, nothing taken
    assert not NumberCounter.objects.exists()
    page = client.post(url, {"scope": "per-kind"}).content.decode()
    assert "error-summary" in page
    assert client.post(url, {"scope": "classification"}).status_code == 302
    office.refresh_from_db()
    assert office.settings["letter_numbering"] == "classification"
    assert AuditEvent.objects.filter(verb="letter_numbering.set").count() == 1


# ---- signing ----


@pytest.fixture
def to_sign(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.PADU_SIGNING_KEY = ""
    settings.PADU_SIGNING_CERT = ""
    settings.PADU_SIGNING_CHAIN = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    village = f.agency(code="DS-CKL")
    for kind, code in (("sk-domisili", "400.12.2"), ("sk-pindah", "400.12.2.2")):
        number_pattern_set(actor=OPERATOR, agency=village, kind=kind, pattern=PATTERN, classification_code=code)
        letter_template_save(
            actor=OPERATOR,
            agency=village,
            kind=kind,
            name="Surat Keterangan Domisili" if kind == "sk-domisili" else "Surat Pengantar Pindah",
            body="Menerangkan bahwa {{ pemohon.nama }} (NIK {{ pemohon.nik_samaran }}) tinggal di {{ instansi.nama }}.",
            body_format="text",
            placeholders=("pemohon.nama", "pemohon.nik_samaran", "instansi.nama"),
        )
    workflow = [
        {"role": "verifier", "label": {"id": "Verifikasi Sekretaris Desa", "en": "Check by the village secretary"}},
        {"role": "approver", "label": {"id": "Persetujuan Kasi", "en": "Approval by the section head"}},
        {"role": "signer", "label": {"id": "Tanda tangan Kepala Desa", "en": "Signature of the village head"}},
    ]
    domisili = make_service(village, document_kind="sk-domisili", workflow=workflow)
    pindah = make_service(village, slug="sk-pindah", name="Surat Pengantar Pindah", document_kind="sk-pindah")
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah"), female=True).user
    cases = []
    for version in (domisili, pindah):
        with time_machine.travel(NOW, tick=False):
            app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
            app = application_act(actor=Actor(user=citizen), application=app, action="submit")
        cases.append(app)
    return village, cases, citizen


def _walk_to_last_step(village, app):
    for role in (Role.VERIFIER, Role.APPROVER):
        member = Membership.objects.filter(agency=village, role=role).first()
        person = member.user if member else f.staff(village, role, f"{role}@example.id")
        with time_machine.travel(NOW, tick=False):
            app = application_act(actor=Actor(user=person), application=app, action="approve")
    return app


def test_the_signer_reads_the_letter_confirms_and_signs(client, to_sign):
    village, (domisili, _pindah), citizen = to_sign
    domisili = _walk_to_last_step(village, domisili)
    kades = _login(client, village, Role.SIGNER, "kades@example.id")
    Membership.objects.filter(user=kades).update(position="Kepala Desa Cileunyi Kulon")
    url = reverse("portal:console_case", args=[domisili.pk])
    with time_machine.travel(NOW, tick=False):
        page = client.get(url).content.decode()
    # The letter as it will be issued, with the number it will get and the masked NIK.
    assert 'class="letter-preview"' in page
    assert "Menerangkan bahwa Siti Aminah (NIK 3204********" in page
    assert "001/400.12.2/DS-CKL/XI/2026" in page and "Kepala Desa Cileunyi Kulon" in page
    assert ">Sign</button>" in page and ">Approve</button>" not in page
    assert "I have read the Surat Keterangan Domisili for Siti Aminah and sign it electronically." in page
    assert not NumberCounter.objects.filter(kind="@agenda").exists()  # looking takes no number
    # Without the confirmation nothing is signed.
    with time_machine.travel(NOW, tick=False):
        page = client.post(url, {"action": "approve"}).content.decode()
    assert "Tick the box to confirm that you have read the letter and sign it." in page
    assert 'href="#confirm-sign"' in page
    assert Application.objects.get(pk=domisili.pk).status == "in_review"
    assert not IssuedDocument.objects.exists()
    with time_machine.travel(NOW, tick=False):
        response = client.post(url, {"action": "approve", "confirm": "1"})
    assert response.status_code == 302
    done = Application.objects.get(pk=domisili.pk)
    assert done.status == "completed" and done.document is not None
    assert done.document.number == "001/400.12.2/DS-CKL/XI/2026"
    page = client.get(response["Location"]).content.decode()
    assert "Letter 001/400.12.2/DS-CKL/XI/2026 signed: application" in page


def test_two_kinds_signed_the_same_day_get_consecutive_numbers(client, to_sign):
    village, (domisili, pindah), _citizen = to_sign
    domisili = _walk_to_last_step(village, domisili)
    pindah = _walk_to_last_step(village, pindah)
    _login(client, village, Role.SIGNER, "kades@example.id")
    numbers = []
    for app in (pindah, domisili):
        with time_machine.travel(NOW, tick=False):
            client.post(reverse("portal:console_case", args=[app.pk]), {"action": "approve", "confirm": "1"})
        document = Application.objects.get(pk=app.pk).document
        assert document is not None
        numbers.append(document.number)
    assert numbers == ["001/400.12.2.2/DS-CKL/XI/2026", "002/400.12.2/DS-CKL/XI/2026"]


def test_an_earlier_step_has_no_preview_and_keeps_approve(client, to_sign):
    village, (domisili, _pindah), _citizen = to_sign
    _login(client, village, Role.VERIFIER, "verifier@example.id")
    page = client.get(reverse("portal:console_case", args=[domisili.pk])).content.decode()
    assert ">Approve</button>" in page and "letter-preview" not in page
    assert client.post(reverse("portal:console_case", args=[domisili.pk]), {"action": "approve"}).status_code == 302


def test_the_history_names_each_step_by_its_role(client, to_sign):
    village, (domisili, _pindah), citizen = to_sign
    domisili = _walk_to_last_step(village, domisili)
    kades = f.staff(village, Role.SIGNER, "kades@example.id")
    with time_machine.travel(NOW, tick=False):
        application_act(actor=Actor(user=kades), application=domisili, action="approve")
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:my_application", args=[domisili.pk])).content.decode()
    history = page.split('id="history-title"')[1]
    assert "Verified (Check by the village secretary)" in history
    assert "Approved (Approval by the section head)" in history
    assert "Signed (Signature of the village head)" in history
    assert "Approved at a step" not in history


# ---- the demo's village letters ----

# Permendagri 83/2022 codes the demo may use (each named with certainty); the pre-2022 codes
# (470 Kependudukan, 474 Pencatatan Sipil of Permendagri 78/2012) must be gone.
CODES_2022 = {"300", "400", "500", "400.12", "400.12.2", "400.12.2.2", "400.12.3", "400.12.3.1"}
CITATION = re.compile(
    r"(Undang-Undang|Peraturan Pemerintah|Peraturan Presiden|Peraturan Menteri [A-Za-z ]+) Nomor \d+ Tahun \d{4} "
    r"tentang [A-Z][^;]+"
)


def test_the_demo_letters_use_2022_codes_and_cite_only_exact_regulations():
    from padu.services.demo.letters import CLASSIFICATION, LETTERS

    assert {spec["slug"] for spec in LETTERS} == set(CLASSIFICATION)
    assert set(CLASSIFICATION.values()) <= CODES_2022
    assert CLASSIFICATION["sk-pindah"] == "400.12.2.2" and CLASSIFICATION["sk-kelahiran"] == "400.12.3.1"
    for spec in LETTERS:
        for citation in spec["legal_basis"].split("; "):
            assert CITATION.fullmatch(citation), citation
        assert "2/2025" not in spec["legal_basis"]
