"""Every app's uploads are stored without what would tell who made them (security review,
issue #11): an anonymous complaint's photo and PDF, an applicant's document, a PPID
officer's released files and public documents. Each upload carries known metadata and
known pixels or text (`padu.core.tests.sample_uploads`); the stored file is read back.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from django.test import Client

from padu.complaints.models import Attachment, Complaint
from padu.complaints.tests.factories import make_place, submit
from padu.core.actors import Actor
from padu.core.errors import InvalidInput
from padu.core.roles import Role
from padu.core.tests.sample_uploads import (
    RED,
    assert_clean_jpeg,
    assert_clean_pdf,
    close,
    pdf_with_metadata,
    photo,
    upload,
)
from padu.ppid.models import FileKind, PublicInformation
from padu.ppid.services import public_information_save, request_decide, request_submit
from padu.services.models import ApplicationFile
from padu.services.services import application_start
from padu.services.tests.factories import FORM, GOOD_ANSWERS, make_service
from tests.factories import actor_for, make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def test_an_anonymous_complaints_photo_and_pdf_are_stored_clean():
    place = make_place()
    complaint = submit(
        place,
        "anonymous",
        uploads=[
            upload("bukti.jpg", photo(orientation=6), "image/jpeg"),
            upload("kronologi.pdf", pdf_with_metadata(), "application/pdf"),
        ],
    )
    assert complaint.visibility == "anonymous"
    by_type = {a.content_type: a for a in Attachment.objects.filter(complaint=complaint)}
    with by_type["image/jpeg"].file.open("rb") as f:
        jpeg = f.read()
    with by_type["application/pdf"].file.open("rb") as f:
        pdf = f.read()
    image = assert_clean_jpeg(jpeg)
    assert image.size == (32, 64) and close(image.getpixel((16, 8)), RED)
    assert_clean_pdf(pdf)
    for attachment, kept in ((by_type["image/jpeg"], jpeg), (by_type["application/pdf"], pdf)):
        assert (attachment.size, attachment.sha256) == (len(kept), hashlib.sha256(kept).hexdigest())
    # What the officer downloads is the stored, cleaned photo.
    officer = Client()
    officer.force_login(place.officer)
    response = officer.get(f"/api/v1/complaint-attachments/{by_type['image/jpeg'].pk}")
    assert response.status_code == 200 and response.getvalue() == jpeg


def test_a_photo_added_to_a_complaint_through_the_api_is_stored_clean():
    place = make_place()
    complaint = submit(place, "anonymous")
    client = Client()
    client.force_login(place.citizen)
    response = client.post(f"/api/v1/complaints/{complaint.pk}/attachments", {"file": upload("bukti.jpg", photo())})
    assert response.status_code == 201, response.content
    stored = Attachment.objects.get(pk=response.json()[0]["id"])
    with stored.file.open("rb") as f:
        assert_clean_jpeg(f.read())


def test_an_unreadable_attachment_stores_nothing_and_sends_no_complaint(media):
    place = make_place()
    with pytest.raises(InvalidInput) as refused:
        submit(place, "anonymous", uploads=[upload("bukti.jpg", b"\xff\xd8\xff\xe0 bukan foto")])
    assert refused.value.code == "file_unreadable"
    assert not Complaint.objects.exists() and not Attachment.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_an_applicants_document_is_stored_clean():
    village = make_agency()
    form = {"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": {"id": "KTP", "en": "ID card"}}]}
    version = make_service(village, form=form)
    citizen = make_citizen(female=True).user
    application = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    client = Client()
    client.force_login(citizen)
    for name, data, check in (
        ("ktp.jpg", photo(), assert_clean_jpeg),
        ("ktp.pdf", pdf_with_metadata(), assert_clean_pdf),
    ):
        response = client.post(
            f"/api/v1/applications/{application.pk}/files", {"field": "ktp", "file": upload(name, data)}
        )
        assert response.status_code == 201, response.content
        stored = ApplicationFile.objects.get(pk=response.json()["id"])
        with stored.file.open("rb") as f:
            kept = f.read()
        check(kept)
        assert response.json()["sha256"] == stored.sha256 == hashlib.sha256(kept).hexdigest()
        assert response.json()["size"] == len(kept)


def test_stored_uploads_are_readable_by_padus_own_user_only(media):
    """Scans of KTP and KK on disk: no other account on the machine may read them."""
    village = make_agency()
    form = {"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": {"id": "KTP", "en": "ID card"}}]}
    citizen = make_citizen().user
    application = application_start(
        actor=Actor(user=citizen), version=make_service(village, form=form), answers=GOOD_ANSWERS
    )
    client = Client()
    client.force_login(citizen)
    response = client.post(
        f"/api/v1/applications/{application.pk}/files", {"field": "ktp", "file": upload("ktp.pdf", pdf_with_metadata())}
    )
    assert response.status_code == 201, response.content
    path = Path(ApplicationFile.objects.get(pk=response.json()["id"]).file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_ppid_released_files_and_public_documents_are_stored_clean():
    agency = make_agency()
    officer = make_staff(agency, Role.INFORMATION_OFFICER)
    citizen = make_citizen()
    request = request_submit(
        actor=Actor(user=citizen.user),
        agency=agency,
        requester_kind="person",
        name=citizen.name,
        nik=citizen.nik,
        address="Jl. Pandanwangi No. 12, Cileunyi",
        phone="081234567890",
        email="warga@example.id",
        information="Foto kegiatan dan laporan APBDes 2026",
        purpose="Penelitian tugas akhir",
        obtain_method="soft_copy",
        delivery_method="email",
    )
    request = request_decide(
        actor=actor_for(officer),
        request=request,
        decision="granted",
        note="Terlampir.",
        files=[upload("kegiatan.jpg", photo()), upload("apbdes.pdf", pdf_with_metadata())],
    )
    released = {f.content_type: f for f in request.files.filter(kind=FileKind.RELEASED)}
    with released["image/jpeg"].file.open("rb") as f:
        assert_clean_jpeg(f.read())
    with released["application/pdf"].file.open("rb") as f:
        kept = f.read()
    assert_clean_pdf(kept)
    assert released["application/pdf"].sha256 == hashlib.sha256(kept).hexdigest()

    item = public_information_save(
        actor=actor_for(officer),
        agency=agency,
        category="berkala",
        title="APBDes 2026",
        summary="Anggaran pendapatan dan belanja desa tahun 2026.",
        responsible_unit="Sekretariat Desa",
        retention="10 tahun",
        format="soft",
        year=2026,
        is_published=True,
        document=upload("apbdes.pdf", pdf_with_metadata()),
    )
    item = PublicInformation.objects.get(pk=item.pk)
    with item.document.open("rb") as f:
        kept = f.read()
    assert_clean_pdf(kept)
    assert (item.document_size, item.document_sha256) == (len(kept), hashlib.sha256(kept).hexdigest())
