"""The complaints API: submit, read, act, reply, moderate; problem JSON with stable codes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from padu.complaints.models import Complaint
from padu.complaints.tests.factories import TEXT, make_place, submit
from padu.core.actors import OPERATOR
from padu.core.services import agency_update
from tests.factories import make_agency, tiny_image

PNG = tiny_image()

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _post(client: Client, url: str, body: dict) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


BODY = {
    "kind": "complaint",
    "title": "Jalan berlubang",
    "text": TEXT,
    "category": "infrastruktur",
    "region": "32.04.05.2001",
    "visibility": "public",
}


def test_submit_with_the_suggested_agency_and_follow_it():
    place = make_place()
    client = _client(place.citizen)
    response = _post(client, "/api/v1/complaints", BODY)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["handling_agency"] == place.village.slug and data["status"] == "submitted"
    assert data["allowed_actions"] == ["withdraw"] and data["due_at"]
    mine = client.get("/api/v1/me/complaints").json()
    assert [c["tracking_number"] for c in mine] == [data["tracking_number"]]
    public = _client().get(f"/api/v1/complaints/public/{data['tracking_number']}").json()
    assert public["complainant"] == place.citizen.full_name


def test_the_suggestion_prefers_the_agency_whose_settings_name_the_topic():
    place = make_place()
    dukcapil = make_agency(name="Disdukcapil Kabupaten Bandung", kind="dinas", region="32.04", parent=place.regency)
    agency_update(actor=OPERATOR, agency=dukcapil, settings={"complaint_categories": ["kependudukan"]})
    client = _client()
    found = client.get("/api/v1/complaints/suggest-agency", {"region": "32.04.05.2001", "category": "kependudukan"})
    assert found.json()["agency"] == dukcapil.slug and "menangani topik ini" in found.json()["reason"]
    found = client.get("/api/v1/complaints/suggest-agency", {"region": "32.04.05.2001", "category": "infrastruktur"})
    assert found.json()["agency"] == place.village.slug and "terdekat" in found.json()["reason"]
    found = client.get("/api/v1/complaints/suggest-agency", {"region": "32.04.05", "category": "infrastruktur"})
    assert found.json()["agency"] == place.district.slug
    missing = client.get("/api/v1/complaints/suggest-agency", {"region": "91.71.01.1001", "category": "lainnya"})
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"title": ""}, "field_required", "title"),
        ({"text": "x" * 10_001}, "text_too_long", "text"),
        ({"text": "terlalu pendek"}, "text_too_short", "text"),
        ({"visibility": "secret"}, "visibility_invalid", "visibility"),
        ({"category": "ufo"}, "category_invalid", "category"),
        ({"latitude": "48.85", "longitude": "2.35"}, "complaint_invalid", "latitude"),
        ({"latitude": "-6.9"}, "location_invalid", "latitude"),
    ],
)
def test_bad_input_is_refused_with_a_stable_code(change, code, field):
    place = make_place()
    response = _post(_client(place.citizen), "/api/v1/complaints", {**BODY, **change})
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == code and field in problem["errors"]
    assert response["Content-Type"] == "application/problem+json"
    assert not Complaint.objects.exists()


def test_a_huge_request_is_refused_before_it_is_read():
    place = make_place()
    response = _post(_client(place.citizen), "/api/v1/complaints", {**BODY, "text": "x" * 3_000_000})
    assert response.status_code in (400, 413)
    assert not Complaint.objects.exists()


def test_submitting_needs_a_login():
    make_place()
    assert _post(_client(), "/api/v1/complaints", BODY).status_code == 401


def test_illegal_transitions_are_409_with_a_stable_code():
    place = make_place()
    complaint = submit(place)
    officer = _client(place.officer)
    response = _post(officer, f"/api/v1/complaints/{complaint.pk}/actions", {"action": "answer", "note": "x"})
    assert response.status_code == 409 and response.json()["code"] == "transition_not_allowed"
    assert "Anda tidak dapat menjawab pengaduan" in response.json()["detail"]
    response = _post(officer, f"/api/v1/complaints/{complaint.pk}/actions", {"action": "fly"})
    assert response.status_code == 409
    ok = _post(officer, f"/api/v1/complaints/{complaint.pk}/actions", {"action": "verify"})
    assert ok.status_code == 200 and ok.json()["status"] == "verified"
    response = _post(officer, f"/api/v1/complaints/{complaint.pk}/actions", {"action": "answer"})
    assert response.status_code == 400 and response.json()["code"] == "field_required"
    other = _post(_client(place.other_officer), f"/api/v1/complaints/{complaint.pk}/actions", {"action": "answer"})
    assert other.status_code == 404  # another agency cannot even see it
    citizen = _post(
        _client(place.citizen), f"/api/v1/complaints/{complaint.pk}/actions", {"action": "answer", "note": "Beres"}
    )
    assert citizen.status_code == 403 and citizen.json()["code"] == "not_your_step"


def test_forward_through_the_api_and_thread_with_internal_note():
    place = make_place()
    complaint = submit(place, "anonymous")
    officer = _client(place.officer)
    response = _post(
        officer,
        f"/api/v1/complaints/{complaint.pk}/actions",
        {"action": "forward", "note": "Lokasi di Wetan", "to_agency": place.other_village.slug},
    )
    assert response.status_code == 200 and response.json()["handling_agency"] == place.other_village.slug
    assert response.json()["forwards"][0]["from_agency"] == place.village.slug
    _post(officer, f"/api/v1/complaints/{complaint.pk}/messages", {"body": "Catatan lama", "internal": True})
    other = _client(place.other_officer)
    note = _post(other, f"/api/v1/complaints/{complaint.pk}/messages", {"body": "Rahasia petugas", "internal": True})
    assert note.status_code == 201 and note.json()["internal"] is True
    reply = _post(_client(place.citizen), f"/api/v1/complaints/{complaint.pk}/messages", {"body": "Mohon segera"})
    assert reply.status_code == 201
    sneaky = _post(
        _client(place.citizen), f"/api/v1/complaints/{complaint.pk}/messages", {"body": "x", "internal": True}
    )
    assert sneaky.status_code == 403 and sneaky.json()["code"] == "internal_note_forbidden"
    mine = _client(place.citizen).get(f"/api/v1/complaints/{complaint.pk}").json()
    assert "Rahasia petugas" not in json.dumps(mine)
    staff = other.get(f"/api/v1/complaints/{complaint.pk}").json()
    assert "Rahasia petugas" in json.dumps(staff)
    assert place.citizen.full_name not in json.dumps(staff)
    assert staff["complainant"] == "Pelapor anonim"


def test_attachments_are_sniffed_and_capped():
    place = make_place()
    complaint = submit(place)
    client = _client(place.citizen)
    url = f"/api/v1/complaints/{complaint.pk}/attachments"
    fake = client.post(
        url, {"file": SimpleUploadedFile("foto.png", b"<svg onload=alert(1)>", content_type="image/png")}
    )
    assert fake.status_code == 400 and fake.json()["code"] == "file_type_not_allowed"
    big = client.post(url, {"file": SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))})
    assert big.status_code == 413 and big.json()["code"] == "file_too_large"
    ok = client.post(url, {"file": SimpleUploadedFile("foto.png", PNG)})
    assert ok.status_code == 201 and ok.json()[0]["content_type"] == "image/png"
    download = _client(place.officer).get(f"/api/v1/complaint-attachments/{ok.json()[0]['id']}")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_moderation_through_the_api():
    place = make_place()
    complaint = submit(place, title="Judul kasar sekali")
    url = f"/api/v1/complaints/{complaint.pk}/moderation"
    assert _post(_client(place.officer), url, {"reason": ""}).json()["code"] == "field_required"
    assert _post(_client(place.officer), url, {"reason": "Kata kasar"}).status_code == 200
    again = _post(_client(place.officer), url, {"reason": "Kata kasar"})
    assert again.status_code == 409 and again.json()["code"] == "moderation_unchanged"
    public = _client().get(f"/api/v1/complaints/public/{complaint.tracking_number}").json()
    assert public["moderated"] is True and public["title"] == "" and public["text"] == ""
    listed = _client().get("/api/v1/complaints/public", {"q": "kasar"}).json()
    assert listed == []
    assert _client(place.citizen).get(f"/api/v1/complaints/{complaint.pk}").json()["title"] == "Judul kasar sekali"


def test_statistics_count_confidential_reports_but_show_nothing_of_them():
    from padu.complaints.services import complaint_act
    from tests.factories import actor_for

    place = make_place()
    done = submit(place, "public")
    complaint_act(actor=actor_for(place.officer), complaint=done, action="verify")
    complaint_act(actor=actor_for(place.officer), complaint=done, action="answer", note="Sudah.")
    complaint_act(actor=actor_for(place.citizen), complaint=done, action="rate", rating=4)
    submit(place, "confidential", title="Rahasia")
    stats = _client().get("/api/v1/complaints/statistics", {"agency": place.village.slug}).json()
    total = stats["total"]
    assert total["received"] == 2 and total["answered"] == 1 and total["answered_on_time"] == 1
    assert total["satisfaction"] == 4.0 and total["average_working_days_to_answer"] == 0.0
    assert stats["by_region"][0]["key"] == "32.04"
    assert "Rahasia" not in json.dumps(stats)
    assert _client().get("/api/v1/complaints/statistics", {"year": 1800}).json()["code"] == "year_invalid"
