"""The copying fee is written as offices write money (Rp1.250.000), on the requester's page
and on the written notice."""

from __future__ import annotations

import pytest
from django.test import Client

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.ppid import services
from padu.ppid.services import request_decide, request_submit
from tests.factories import actor_for, make_agency, make_citizen, make_staff


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = make_agency(time_zone="Asia/Jakarta")
    return agency, make_staff(agency, Role.INFORMATION_OFFICER), make_citizen()


def _submit(agency, citizen):
    return request_submit(
        actor=Actor(user=citizen.user),
        agency=agency,
        requester_kind="person",
        name=citizen.name,
        nik=citizen.nik,
        address="Jl. Pandanwangi 12",
        email="siti@example.id",
        information="Salinan peta tata ruang desa, cetak A0",
        purpose="Kontrol sosial",
        obtain_method="hard_copy",
        delivery_method="email",
    )


def test_the_fee_is_grouped_on_the_page_and_on_the_notice(world, monkeypatch):
    agency, officer, citizen = world
    notices: list[str] = []
    real_pdf = services.html_to_pdf

    def keep(html: str) -> bytes:
        notices.append(html)
        return real_pdf(html)

    monkeypatch.setattr(services, "html_to_pdf", keep)
    info = request_decide(
        actor=actor_for(officer), request=_submit(agency, citizen), decision="granted", fee_amount=1_250_000
    )
    assert len(notices) == 1 and "Rp1.250.000" in notices[0]
    client = Client()
    client.force_login(citizen.user)
    page = client.get(f"/akun/ppid/{info.pk}/").content.decode()
    assert "Rp1.250.000" in page
    assert "Rp1250000" not in page


def test_no_fee_is_shown_when_free(world, monkeypatch):
    agency, officer, citizen = world
    notices: list[str] = []

    def keep(html: str) -> bytes:
        notices.append(html)
        return b"%PDF-1.4\n"

    monkeypatch.setattr(services, "html_to_pdf", keep)
    info = request_decide(actor=actor_for(officer), request=_submit(agency, citizen), decision="granted")
    assert "Tidak ada" in notices[0] and "Rp" not in notices[0]
    client = Client()
    client.force_login(citizen.user)
    assert "Rp" not in client.get(f"/akun/ppid/{info.pk}/").content.decode()
