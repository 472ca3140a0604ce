"""The whole service-delivery journey through the API alone: JSON, plus multipart for the upload.

start → upload → submit → verifier returns → applicant replaces the file and resubmits →
verifier, approver and signer approve → the applicant downloads the signed letter → the
public verification endpoint says the file is authentic, and altered after one changed byte.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from padu.core.actors import OPERATOR
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.notify.models import Message
from padu.services.models import ApplicationFile
from padu.services.tests.factories import FORM, GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff, tiny_image, tiny_pdf

PDF = tiny_pdf()
PNG = tiny_image()

pytestmark = pytest.mark.django_db

KIND = "sk-domisili"
BODY = "<p>Menerangkan bahwa {{ pemohon.nama }}, NIK {{ pemohon.nik }}, berdomisili di desa ini.</p>"
FILE_FORM = {"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": {"id": "KTP", "en": "ID card"}}]}


def _flip_one_byte(pdf: bytes) -> bytes:
    # A byte inside the page content, well before the signature dictionary.
    index = pdf.index(b"stream", len(pdf) // 10) + 40
    changed = bytearray(pdf)
    changed[index] ^= 0x01
    return bytes(changed)


@pytest.fixture
def village(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.PADU_SIGNING_KEY = ""
    settings.PADU_SIGNING_CERT = ""
    settings.PADU_SIGNING_CHAIN = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    agency = make_agency()
    number_pattern_set(actor=OPERATOR, agency=agency, kind=KIND, pattern="[nomor,3]/470/[bulan_romawi]/[tahun]")
    letter_template_save(actor=OPERATOR, agency=agency, kind=KIND, name="Surat Keterangan Domisili", body=BODY)
    version = make_service(agency, form=FILE_FORM, document_kind=KIND)
    return agency, version


def _json(client: Client, method: str, url: str, data: Any = None) -> Any:
    response = getattr(client, method)(url, data, content_type="application/json")
    assert response.status_code in (200, 201), (url, response.status_code, response.content)
    return response.json()


def _act(client: Client, user: Any, application_id: int, action: str, note: str = "") -> dict[str, Any]:
    client.force_login(user)
    return _json(client, "post", f"/api/v1/applications/{application_id}/actions", {"action": action, "note": note})


def _upload(client: Client, application_id: int, name: str, data: bytes) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/applications/{application_id}/files",
        {"field": "ktp", "file": SimpleUploadedFile(name, data, content_type="application/octet-stream")},
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_the_whole_journey_through_the_api(api_client, village, django_capture_on_commit_callbacks):
    agency, version = village
    citizen = make_citizen(female=True).user
    verifier = make_staff(agency, Role.VERIFIER, full_name="Dewi Verifikator")
    approver = make_staff(agency, Role.APPROVER, full_name="Rahmat Sekdes")
    signer = make_staff(agency, Role.SIGNER, full_name="H. Ujang Suryana")
    Membership.objects.filter(user=signer).update(position="Kepala Desa Cileunyi Kulon")

    # The citizen starts a draft, uploads the KTP and submits.
    api_client.force_login(citizen)
    started = _json(
        api_client,
        "post",
        "/api/v1/applications",
        {"agency": agency.slug, "service": version.service.slug, "answers": GOOD_ANSWERS},
    )
    app_id = started["id"]
    assert started["status"] == "draft"
    first = _upload(api_client, app_id, "ktp.pdf", PDF)
    kept = ApplicationFile.objects.get(pk=first["id"]).file.read()
    assert first["content_type"] == "application/pdf" and first["sha256"] == hashlib.sha256(kept).hexdigest()
    with django_capture_on_commit_callbacks(execute=True):
        submitted = _act(api_client, citizen, app_id, "submit")
    assert submitted["status"] == "in_review" and submitted["answers"]["ktp"] == first["id"]
    number = submitted["tracking_number"]
    assert _json(api_client, "get", f"/api/v1/tracking/{number}")["status"] == "in_review"

    # The verifier finds it in the inbox and returns it with a reason.
    api_client.force_login(verifier)
    inbox = _json(api_client, "get", f"/api/v1/agencies/{agency.pk}/inbox")
    assert number in str(inbox)
    reason = "Foto KTP tidak terbaca; unggah ulang yang jelas."
    with django_capture_on_commit_callbacks(execute=True):
        returned = _act(api_client, verifier, app_id, "return", reason)
    assert returned["status"] == "returned"
    assert Message.objects.filter(recipient=citizen, channel="inapp", template_key="application.returned").exists()

    # The applicant sees the reason, replaces the file and sends it again.
    api_client.force_login(citizen)
    mine = _json(api_client, "get", f"/api/v1/applications/{app_id}")
    assert reason in str(mine)
    second = _upload(api_client, app_id, "ktp-jelas.png", PNG)
    assert second["content_type"] == "image/png"
    assert ApplicationFile.objects.filter(application_id=app_id).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        resubmitted = _act(api_client, citizen, app_id, "resubmit")
    assert resubmitted["status"] == "in_review" and resubmitted["answers"]["ktp"] == second["id"]

    # Verifier, approver and signer (both with two-step login set up) approve in turn.
    assert _act(api_client, verifier, app_id, "approve")["status"] == "in_review"
    assert _act(api_client, approver, app_id, "approve")["status"] == "in_review"
    with django_capture_on_commit_callbacks(execute=True):
        done = _act(api_client, signer, app_id, "approve")
    assert done["status"] == "completed"

    # The applicant is told the letter is ready and downloads it.
    ready = Message.objects.get(recipient=citizen, channel="inapp", template_key="document.ready")
    api_client.force_login(citizen)
    response = api_client.get(f"/api/v1/applications/{app_id}/document")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF-")

    # Anyone can check the file: authentic as issued, altered after one changed byte.
    api_client.logout()
    verdict = api_client.post(
        "/api/v1/documents/verify", {"file": SimpleUploadedFile("surat.pdf", pdf, "application/pdf")}
    )
    assert verdict.status_code == 200, verdict.content
    body = verdict.json()
    assert body["verdict"] == "authentic" and body["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert body["document"]["number"] in ready.body
    changed = SimpleUploadedFile("surat.pdf", _flip_one_byte(pdf), "application/pdf")
    altered = api_client.post("/api/v1/documents/verify", {"file": changed})
    assert altered.status_code == 200 and altered.json()["verdict"] == "altered"
