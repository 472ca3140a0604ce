"""Anonymous and confidential complainants, on every route that shows a complaint.

Anonymous: public, but the identity is hidden from the public AND from the agencies'
officers (they see "Pelapor anonim"); only the complainant sees it. Confidential: never
public; the handling officers see the identity, and each look is logged for the person."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from padu.complaints.services import complaint_act, complaints_sweep, message_post
from padu.complaints.tests.factories import make_place, submit
from padu.core.models import PersonalDataAccess
from tests.factories import actor_for

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
NAME = "Zulkarnaen Rahasiawan"


def _client(user=None, agency=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    if agency is not None:
        session = client.session
        session["portal_agency_id"] = agency.pk
        session.save()
    return client


def _secrets(place) -> list[str]:
    citizen = place.citizen
    return [NAME, citizen.email, citizen.citizen.nik, citizen.citizen.nik_masked, "Rahasiawan"]


@pytest.fixture
def story():
    """An anonymous complaint that went through every step, and a confidential one."""
    place = make_place()
    place.citizen.full_name = NAME
    place.citizen.save(update_fields=["full_name"])
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=WIB), tick=False):
        anonymous = submit(place, "anonymous", title="Pungli surat pengantar")
        message_post(actor=actor_for(place.citizen), complaint=anonymous, body="Saya punya buktinya.")
        message_post(actor=actor_for(place.officer), complaint=anonymous, body="Mohon kirimkan buktinya.")
        complaint_act(actor=actor_for(place.officer), complaint=anonymous, action="verify")
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=WIB), tick=False):
        complaints_sweep()  # escalates to the district
        complaint_act(
            actor=actor_for(place.officer),
            complaint=anonymous,
            action="forward",
            note="Ditangani desa tetangga",
            to_agency=place.other_village,
        )
        complaint_act(actor=actor_for(place.other_officer), complaint=anonymous, action="verify")
        complaint_act(actor=actor_for(place.other_officer), complaint=anonymous, action="answer", note="Sudah ditegur.")
        complaint_act(actor=actor_for(place.citizen), complaint=anonymous, action="reopen", note="Masih terjadi.")
    PersonalDataAccess.objects.all().delete()
    return place, anonymous


@pytest.fixture
def with_confidential(story):
    place, anonymous = story
    confidential = submit(place, "confidential", title="Laporan rahasia kepala dusun")
    return place, anonymous, confidential


def _routes(place, anonymous) -> list[tuple[str, Client, str]]:
    public = _client()
    a = anonymous.pk
    number = anonymous.tracking_number
    routes = [
        ("public list page", public, "/pengaduan/"),
        ("public page", public, f"/pengaduan/{number}/"),
        ("tracking", public, f"/pengaduan/lacak/?number={number}"),
        ("statistics page", public, "/pengaduan/statistik/"),
        ("public list API", public, "/api/v1/complaints/public"),
        ("public detail API", public, f"/api/v1/complaints/public/{number}"),
        ("statistics API", public, "/api/v1/complaints/statistics"),
        ("agency page", public, f"/instansi/{place.other_village.slug}/"),
    ]
    for label, user, agency in (
        ("sending officer", place.officer, place.village),
        ("sending admin", place.admin, place.village),
        ("handling officer", place.other_officer, place.other_village),
        ("supervising officer", place.district_officer, place.district),
    ):
        client = _client(user, agency)
        routes += [
            (f"{label}: inbox page", client, "/konsol/pengaduan/?status=all"),
            (f"{label}: case page", client, f"/konsol/pengaduan/{a}/"),
            (f"{label}: CSV export", client, "/konsol/pengaduan/ekspor/?status=all"),
            (f"{label}: detail API", client, f"/api/v1/complaints/{a}"),
            (f"{label}: inbox API", client, f"/api/v1/agencies/{agency.pk}/complaints?status=all"),
            (f"{label}: audit page", client, "/konsol/audit/"),
            (f"{label}: audit API", client, f"/api/v1/agencies/{agency.pk}/audit"),
            (f"{label}: in-app messages", client, "/akun/pesan/"),
            (f"{label}: messages API", client, "/api/v1/me/messages"),
            (f"{label}: delivery log API", client, f"/api/v1/agencies/{agency.pk}/messages"),
        ]
    return routes


def test_an_anonymous_complainant_is_hidden_on_every_route(story):
    place, anonymous = story
    secrets = _secrets(place)
    answered = 0
    for label, client, url in _routes(place, anonymous):
        response = client.get(url)
        body = response.content.decode()
        answered += response.status_code == 200
        leaked = [s for s in secrets if s and s in body]
        assert not leaked, (label, url, leaked)
    assert answered >= 40  # the walk reached the pages, it was not refused everywhere
    # No look at an anonymous complainant's data was logged, because none was shown.
    assert not PersonalDataAccess.objects.filter(subject=place.citizen).exists()


def test_officer_pages_name_the_anonymous_complainant_as_pelapor_anonim(story):
    place, anonymous = story
    for user, agency in ((place.officer, place.village), (place.other_officer, place.other_village)):
        body = _client(user, agency).get(f"/konsol/pengaduan/{anonymous.pk}/").content.decode()
        assert "Pelapor anonim" in body and "Saya punya buktinya." in body and NAME not in body
    public = _client().get(f"/pengaduan/{anonymous.tracking_number}/").content.decode()
    assert "Pelapor anonim" in public and "Saya punya buktinya." in public


def test_only_the_complainant_sees_their_own_identity(story):
    place, anonymous = story
    mine = _client(place.citizen).get(f"/akun/pengaduan/{anonymous.pk}/").content.decode()
    assert NAME in mine
    api = _client(place.citizen).get(f"/api/v1/complaints/{anonymous.pk}").json()
    assert api["complainant"] == NAME


def test_a_confidential_complaint_is_never_public(with_confidential):
    place, _anonymous, confidential = with_confidential
    public = _client()
    assert confidential.title not in public.get("/pengaduan/").content.decode()
    assert public.get(f"/pengaduan/{confidential.tracking_number}/").status_code == 404
    assert public.get(f"/api/v1/complaints/public/{confidential.tracking_number}").status_code == 404
    assert confidential.title not in public.get("/api/v1/complaints/public").content.decode()
    assert confidential.title not in public.get("/api/v1/complaints/public?q=rahasia").content.decode()
    assert confidential.title not in public.get("/pengaduan/statistik/").content.decode()
    tracked = public.get("/pengaduan/lacak/", {"number": confidential.tracking_number})
    assert tracked.status_code == 200 and "tidak ditemukan" in tracked.content.decode()


def test_officers_see_a_confidential_complainant_and_each_look_is_logged(with_confidential):
    place, _anonymous, confidential = with_confidential
    client = _client(place.officer, place.village)
    page = client.get(f"/konsol/pengaduan/{confidential.pk}/").content.decode()
    assert NAME in page
    api = client.get(f"/api/v1/complaints/{confidential.pk}").json()
    assert api["complainant"] == NAME
    looks = PersonalDataAccess.objects.filter(subject=place.citizen, viewer=place.officer)
    assert looks.count() == 2
    assert all("Menangani pengaduan" in look.purpose for look in looks)
    # Another village's officer cannot open it at all.
    assert (
        _client(place.other_officer, place.other_village).get(f"/konsol/pengaduan/{confidential.pk}/").status_code
        == 404
    )


def test_the_admin_site_leaves_the_complainant_out(story):
    from tests.factories import give_totp, make_user

    place, anonymous = story
    root = give_totp(make_user(is_staff=True, is_superuser=True))
    client = _client(root)
    for url in ("/admin/complaints/complaint/", f"/admin/complaints/complaint/{anonymous.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200
        assert NAME not in response.content.decode()
