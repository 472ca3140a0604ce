"""The agency administrator sets up services and letter templates in the staff console."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from padu.core.actors import OPERATOR
from padu.core.models import NumberCounter
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.core.web.console import SESSION_KEY
from padu.documents.models import IssuedDocument, LetterTemplate
from padu.documents.services import letter_template_save
from padu.services.models import Service, ServiceVersion, VersionStatus
from padu.services.tests.factories import make_service
from tests import web_factories as f

pytestmark = pytest.mark.django_db

STANDARD = {
    "name": "Surat Pengantar Nikah",
    "description": "Pengantar dari desa untuk menikah di KUA.",
    "audience": ["citizen"],
    "category": "surat",
    "legal_basis": "Permendagri 2/2025",
    "req1_name": "KTP",
    "req1_how": "counter",
    "req2_name": "Kartu Keluarga",
    "req2_how": "counter",
    "req3_name": "Pas foto",
    "req3_how": "counter",
    "req3_optional": "on",
    "procedure": "Isi formulir, tunggu verifikasi.",
    "completion_days": "2",
    "fee_kind": "free",
    "fee_amount": "",
    "fee_field": "",
    "output": "Surat pengantar nikah",
    "complaint_channel": "Kantor desa",
    "contact": "0812 0000 0000",
    "document_kind": "spn",
    "facilities": "Ruang tunggu dan loket",
    "staff_competence": "Memahami administrasi nikah",
    "internal_supervision": "Kepala desa",
    "staff_count": "2",
    "service_guarantee": "Selesai tepat waktu",
    "security_guarantee": "Data dijaga",
    "performance_evaluation": "Setiap tiga bulan",
    "hours_mon": "08:00-15:30",
    "hours_fri": "08.00–11.00, 13:00-16:00",
    "step_1": "verifier",
    "step_2": "",
    "step_3": "signer",
}

ROWS = {
    "f1_name": "nama_pasangan",
    "f1_type": "text",
    "f1_label_id": "Nama calon pasangan",
    "f1_label_en": "Name of your partner",
    "f1_required": "on",
    "f2_name": "pernah_menikah",
    "f2_type": "yesno",
    "f2_label_id": "Pernah menikah?",
    "f2_required": "on",
    "f3_name": "status",
    "f3_type": "choice",
    "f3_label_id": "Status",
    "f3_options": "cerai hidup, cerai mati",
    "f3_required": "on",
    "f3_show_field": "pernah_menikah",
    "f3_show_value": "ya",
}


def _admin(client, agency, email="admin@example.id"):
    person = f.staff(agency, Role.AGENCY_ADMIN, email)
    f.with_totp(person)
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    return person


def test_admin_creates_previews_and_publishes_a_service(client):
    agency = f.agency()
    _admin(client, agency)
    page = client.get(reverse("portal:console_service_new"))
    assert page.status_code == 200
    assert 'name="f8_name"' in page.content.decode() and 'name="step_6"' in page.content.decode()
    response = client.post(reverse("portal:console_service_new"), {**STANDARD, **ROWS})
    assert response.status_code == 302, response.content.decode()[:3000]
    version = ServiceVersion.objects.get(service__agency=agency)
    assert version.status == VersionStatus.DRAFT
    assert version.workflow == [{"role": "verifier"}, {"role": "signer"}]
    assert version.requirements[-1] == {
        "name": "Pas foto",
        "required": False,
        "kind": "document",
        "field": "",
        "at_counter": True,
    }
    assert version.hours == {"mon": [["08:00", "15:30"]], "fri": [["08:00", "11:00"], ["13:00", "16:00"]]}
    fields = version.form["fields"]
    assert [x["name"] for x in fields] == ["nama_pasangan", "pernah_menikah", "status"]
    assert fields[0]["label"] == {"id": "Nama calon pasangan", "en": "Name of your partner"}
    assert fields[2]["options"] == ["cerai hidup", "cerai mati"]
    assert fields[2]["show_if"] == {"field": "pernah_menikah", "equals": True}

    # The list shows the draft; the editor shows the rows back.
    listing = client.get(reverse("portal:console_services")).content.decode()
    assert (
        "Surat Pengantar Nikah" in listing and reverse("portal:console_service_publish", args=[version.pk]) in listing
    )
    edit = client.get(reverse("portal:console_service_edit", args=[version.pk])).content.decode()
    assert 'value="nama_pasangan"' in edit and "cerai hidup, cerai mati" in edit

    preview = client.get(reverse("portal:console_service_preview", args=[version.pk]))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Nama calon pasangan" in html and 'name="status"' in html and 'type="submit"' not in html.split("<main")[1]

    # Not public before publishing.
    assert "Surat Pengantar Nikah" not in client.get(reverse("portal:catalogue")).content.decode()
    assert client.post(reverse("portal:console_service_publish", args=[version.pk])).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert "Surat Pengantar Nikah" in client.get(reverse("portal:catalogue")).content.decode()

    # A published version is read-only; a new draft copies it.
    view = client.get(reverse("portal:console_service_edit", args=[version.pk])).content.decode()
    assert 'name="f1_name"' not in view and reverse("portal:console_service_new_draft", args=[version.pk]) in view
    assert client.post(reverse("portal:console_service_edit", args=[version.pk]), {**STANDARD}).status_code == 200
    response = client.post(reverse("portal:console_service_new_draft", args=[version.pk]))
    draft = ServiceVersion.objects.get(service=version.service, number=2)
    assert response["Location"] == reverse("portal:console_service_edit", args=[draft.pk])
    client.post(reverse("portal:console_service_retire", args=[version.pk]))
    version.refresh_from_db()
    assert version.status == VersionStatus.RETIRED


def test_json_mode_edits_the_definition_and_keeps_unknown_keys_in_rows(client):
    agency = f.agency()
    _admin(client, agency)
    version = make_service(agency, publish=False)
    # The factory's form has a repeating group: the editor opens in JSON mode.
    page = client.get(reverse("portal:console_service_edit", args=[version.pk])).content.decode()
    assert 'name="form_json"' in page and 'name="f1_name"' not in page
    definition = {
        "fields": [
            {"name": "nik", "type": "nik", "label": "NIK", "prefill": "nik", "hint": "16 angka"},
            {"name": "alasan", "type": "textarea", "label": {"id": "Alasan", "en": "Reason"}},
        ]
    }
    data = {**STANDARD, "name": version.name, "document_kind": "", "form_json": json.dumps(definition)}
    url = reverse("portal:console_service_edit", args=[version.pk]) + "?mode=json"
    assert client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.form == definition
    # Now it fits the rows; saving from the rows keeps the hint and prefill it cannot show.
    page = client.get(reverse("portal:console_service_edit", args=[version.pk])).content.decode()
    assert 'value="alasan"' in page
    rows = {
        "f1_name": "nik",
        "f1_type": "nik",
        "f1_label_id": "NIK pemohon",
        "f1_required": "on",
        "f2_name": "alasan",
        "f2_type": "textarea",
        "f2_label_id": "Alasan",
    }
    data.pop("form_json")
    assert client.post(reverse("portal:console_service_edit", args=[version.pk]), {**data, **rows}).status_code == 302
    version.refresh_from_db()
    assert version.form["fields"][0] == {
        "name": "nik",
        "type": "nik",
        "label": "NIK pemohon",
        "prefill": "nik",
        "hint": "16 angka",
        "required": True,
    }
    assert version.form["fields"][1]["required"] is False


def test_invalid_json_shows_error_and_saves_nothing(client):
    agency = f.agency()
    _admin(client, agency)
    url = reverse("portal:console_service_new") + "?mode=json"
    html = client.post(url, {**STANDARD, "form_json": '{"fields": [}'}).content.decode()
    assert "error-summary" in html and 'href="#id_form_json"' in html and "JSON" in html
    assert not Service.objects.exists()


def test_invalid_definition_shows_errors_at_the_fields_and_saves_nothing(client):
    agency = f.agency()
    _admin(client, agency)
    bad = {"fields": [{"name": "a", "type": "hologram", "label": "A"}]}
    html = client.post(
        reverse("portal:console_service_new") + "?mode=json", {**STANDARD, "form_json": json.dumps(bad)}
    ).content.decode()
    assert "error-summary" in html and "a: " in html
    assert not Service.objects.exists()
    # The same from the rows: an unknown type posted, a condition on a later field, no workflow.
    rows = {"f1_name": "a", "f1_type": "hologram", "f1_label_id": "A"}
    html = client.post(reverse("portal:console_service_new"), {**STANDARD, **rows}).content.decode()
    assert 'href="#id_f1_type"' in html  # the form's own check: not one of the choices
    rows = {"f1_name": "a", "f1_type": "text", "f1_label_id": "A", "f1_show_field": "b", "f1_show_value": "x"}
    html = client.post(
        reverse("portal:console_service_new"), {**STANDARD, **rows, "step_1": "", "step_3": ""}
    ).content.decode()
    assert 'href="#id_step_1"' in html
    html = client.post(reverse("portal:console_service_new"), {**STANDARD, **rows}).content.decode()
    assert 'href="#id_f1_name"' in html
    assert not Service.objects.exists() and not ServiceVersion.objects.exists()


def test_verifier_gets_403(client):
    agency = f.agency()
    version = make_service(agency)
    verifier = f.staff(agency, Role.VERIFIER, "verif@example.id")
    client.force_login(verifier)
    for url in (
        reverse("portal:console_services"),
        reverse("portal:console_service_new"),
        reverse("portal:console_service_edit", args=[version.pk]),
        reverse("portal:console_service_preview", args=[version.pk]),
        reverse("portal:console_letters"),
        reverse("portal:console_letter_new"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("portal:console_service_retire", args=[version.pk])).status_code == 403
    assert "/konsol/layanan/" not in client.get(reverse("portal:console")).content.decode()


def test_admin_of_another_agency_gets_404(client):
    agency_a = f.agency()
    agency_b = f.agency("Desa Cimenyan", region_code="32.04.06.2001")
    version = make_service(agency_a, publish=False)
    letter_template_save(actor=OPERATOR, agency=agency_a, kind="skd", name="SKD", body="<p>A</p>")
    _admin(client, agency_b)
    for url in (
        reverse("portal:console_service_edit", args=[version.pk]),
        reverse("portal:console_service_preview", args=[version.pk]),
        reverse("portal:console_letter_edit", args=["skd"]),
        reverse("portal:console_letter_preview", args=["skd"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("portal:console_service_publish", args=[version.pk])).status_code == 404
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_letter_template_saved_and_previewed_as_unnumbered_pdf(client):
    agency = f.agency()
    _admin(client, agency)
    number_pattern_set(actor=OPERATOR, agency=agency, kind="skd", pattern="[nomor,3]/SKD/[bulan_romawi]/[tahun]")
    assert "konsol/surat/" in client.get(reverse("portal:console")).content.decode()
    page = client.get(reverse("portal:console_letter_new")).content.decode()
    assert "{{ pemohon.nama }}" in page and "{{ jumlah_terbilang }}" in page
    body = "<p>Yang bertanda tangan menerangkan bahwa {{ pemohon.nama }} ({{ pemohon.nik }}) tinggal di desa ini.</p>"
    response = client.post(
        reverse("portal:console_letter_new"), {"name": "Surat Keterangan Domisili", "kind": "skd", "body": body}
    )
    assert response.status_code == 302
    template = LetterTemplate.objects.get(agency=agency, kind="skd")
    assert template.version == 1
    assert "Surat Keterangan Domisili" in client.get(reverse("portal:console_letters")).content.decode()
    edit = client.get(reverse("portal:console_letter_edit", args=["skd"])).content.decode()
    assert "bertanda tangan" in edit
    client.post(
        reverse("portal:console_letter_edit", args=["skd"]),
        {"name": "Surat Keterangan Domisili", "kind": "skd", "body": body + "<p>{{ tanggal }}</p>"},
    )
    assert LetterTemplate.objects.get(agency=agency, kind="skd", is_active=True).version == 2

    response = client.get(reverse("portal:console_letter_preview", args=["skd"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    reader = PdfFileReader(io.BytesIO(pdf))
    title = str(reader.trailer["/Info"]["/Title"])  # the letter's title and its number
    assert title == "Surat Keterangan Domisili PRATINJAU"
    assert not reader.embedded_signatures  # unsigned
    # No number taken, nothing issued.
    assert not NumberCounter.objects.filter(agency=agency).exists()
    assert not IssuedDocument.objects.exists()


def test_forbidden_tag_in_template_is_refused(client):
    agency = f.agency()
    _admin(client, agency)
    html = client.post(
        reverse("portal:console_letter_new"),
        {"name": "Surat", "kind": "skd", "body": "{% load static %}<p>{{ pemohon.nama }}</p>"},
    ).content.decode()
    assert "error-summary" in html and 'href="#id_body"' in html
    assert not LetterTemplate.objects.exists()
