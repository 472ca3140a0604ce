from __future__ import annotations

import pytest

from padu.core.actors import OPERATOR
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import document_issue, letter_template_save
from tests.factories import actor_for, make_agency, make_staff

BODY = (
    "<p>Yang bertanda tangan di bawah ini menerangkan bahwa {{ pemohon.nama }} "
    "berdomisili di {{ pemohon.alamat }}.</p>"
    "<p>Biaya: Rp{{ jumlah }} ({{ jumlah_terbilang }} rupiah).</p>"
)


@pytest.fixture
def pki(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.PADU_SIGNING_KEY = ""
    settings.PADU_SIGNING_CERT = ""
    settings.PADU_SIGNING_CHAIN = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    return settings.PADU_PKI_DIR


@pytest.fixture
def agency(db):
    agency = make_agency(address="Jl. Raya Cileunyi No. 10", phone="022-7654321", email="desa@example.go.id")
    number_pattern_set(
        actor=OPERATOR, agency=agency, kind="sk_domisili", pattern="[nomor,3]/SKD/[bulan_romawi]/[tahun]"
    )
    return agency


@pytest.fixture
def signer(agency):
    user = make_staff(agency, Role.SIGNER, full_name="Asep Suryana")
    Membership.objects.filter(user=user).update(
        position="Kepala Desa Cileunyi Kulon", employee_number="197001012000031001"
    )
    return Membership.objects.get(user=user)


@pytest.fixture
def template(agency):
    return letter_template_save(
        actor=OPERATOR, agency=agency, kind="sk_domisili", name="Surat Keterangan Domisili", body=BODY
    )


@pytest.fixture
def issue(pki, agency, signer, template):
    def make(**kw):
        return document_issue(
            actor=actor_for(signer.user),
            agency=agency,
            kind="sk_domisili",
            template=template,
            context={"pemohon": {"nama": "Budi Santoso", "alamat": "RT 01/RW 02"}, "jumlah": 1250000},
            signer_membership=signer,
            subject="Keterangan domisili",
            **kw,
        )

    return make
