import hashlib

import pytest

from padu.core.actors import OPERATOR, Actor
from padu.core.errors import Conflict
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.selectors import document_verify_upload
from padu.documents.services import letter_template_save
from padu.notify.models import Message
from padu.services.models import Application
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db

BODY = "<p>Menerangkan bahwa {{ pemohon.nama }}, NIK {{ pemohon.nik }}, berdomisili di {{ pemohon.alamat }}.</p>"


@pytest.fixture
def signed_case(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    village = make_agency()
    number_pattern_set(
        actor=OPERATOR, agency=village, kind="sk-domisili", pattern="[nomor,3]/470/[bulan_romawi]/[tahun]"
    )
    version = make_service(village, document_kind="sk-domisili", workflow=[{"role": "signer"}])
    citizen = make_citizen(female=True).user
    kades = make_staff(village, Role.SIGNER, full_name="H. Ujang Suryana")
    Membership.objects.filter(user=kades).update(position="Kepala Desa Cileunyi Kulon")
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    return village, app, citizen, kades


def test_the_signer_completes_the_case_and_the_letter_is_signed(
    client, signed_case, django_capture_on_commit_callbacks
):
    village, app, citizen, kades = signed_case
    letter_template_save(
        actor=OPERATOR, agency=village, kind="sk-domisili", name="Surat Keterangan Domisili", body=BODY
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = application_act(actor=Actor(user=kades), application=app, action="approve")
    assert done.status == "completed"
    document = done.document
    assert document is not None and document.number.startswith("001/470/")
    assert document.signer_name == "H. Ujang Suryana"
    assert app.tracking_number in document.subject and citizen.citizen.nik not in document.subject
    ready = Message.objects.get(recipient=citizen, channel="inapp", template_key="document.ready")
    assert document.number in ready.body
    client.force_login(citizen)
    response = client.get(f"/api/v1/applications/{app.pk}/document")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert hashlib.sha256(pdf).hexdigest() == document.sha256
    assert document_verify_upload(pdf).verdict == "authentic"
    other = make_citizen(village="32.04.05.2002").user
    client.force_login(other)
    assert client.get(f"/api/v1/applications/{app.pk}/document").status_code == 404


def test_without_a_letter_template_the_case_stays_open(signed_case):
    _, app, _, kades = signed_case
    with pytest.raises(Conflict) as err:
        application_act(actor=Actor(user=kades), application=app, action="approve")
    assert err.value.code == "letter_template_missing"
    assert Application.objects.get(pk=app.pk).status == "in_review"


def test_no_document_before_completion(client, signed_case):
    _, app, citizen, _ = signed_case
    client.force_login(citizen)
    response = client.get(f"/api/v1/applications/{app.pk}/document")
    assert response.status_code == 404 and response.json()["code"] == "document_not_issued"
