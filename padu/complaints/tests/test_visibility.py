"""SP4N-LAPOR!'s two flags, independent: anonymous (the name is hidden from everyone but the
complainant, the agency's officers included) and confidential (the report is not public).

Each of the four combinations is read by the public, by the handling officer and by the
complainant, on every page and API route that shows a complaint; each asserts whether the
name and the text are there. Then the verifier's change at verification (console and API):
audited, in the history, and told to the complainant."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import translation

from padu.complaints.models import Complaint, ComplaintEvent
from padu.complaints.services import complaint_act
from padu.complaints.tests.factories import make_place, submit
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import AuditEvent
from padu.notify.models import Message
from tests.factories import actor_for

pytestmark = pytest.mark.django_db

NAME = "Suryani Pelaporwati"
TEXT = "Jalan desa di depan SD Negeri 1 berlubang besar sejak bulan lalu; Pak Kadus belum memperbaikinya."
TEXT_MARK = "Pak Kadus belum memperbaikinya"


def _client(user=None, agency=None) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    if agency is not None:
        session = client.session
        session["portal_agency_id"] = agency.pk
        session.save()
    return client


@dataclass(frozen=True)
class Case:
    anonymous: bool
    confidential: bool
    # (name shown, text shown) per viewer
    public: tuple[bool, bool]
    officer: tuple[bool, bool]
    mine: tuple[bool, bool] = (True, True)


CASES = [
    pytest.param(Case(False, False, public=(True, True), officer=(True, True)), id="public"),
    pytest.param(Case(True, False, public=(False, True), officer=(False, True)), id="anonymous"),
    pytest.param(Case(False, True, public=(False, False), officer=(True, True)), id="confidential"),
    pytest.param(Case(True, True, public=(False, False), officer=(False, True)), id="anonymous+confidential"),
]


@pytest.fixture
def place():
    place = make_place()
    place.citizen.full_name = NAME
    place.citizen.save(update_fields=["full_name"])
    return place


def _shown(body: str) -> tuple[bool, bool]:
    return NAME in body, TEXT_MARK in body


def _public_views(c: Complaint) -> dict[str, str]:
    client = _client()
    number = c.tracking_number
    detail = client.get(f"/pengaduan/{number}/")
    api_detail = client.get(f"/api/v1/complaints/public/{number}")
    assert detail.status_code == (404 if c.confidential else 200)
    assert api_detail.status_code == (404 if c.confidential else 200)
    return {
        "list page": client.get("/pengaduan/").content.decode(),
        "search": client.get("/pengaduan/", {"q": "berlubang"}).content.decode(),
        "detail page": detail.content.decode(),
        "list API": client.get("/api/v1/complaints/public").content.decode(),
        "detail API": api_detail.content.decode(),
    }


def _officer_views(place, c: Complaint) -> dict[str, str]:
    client = _client(place.officer, place.village)
    return {
        "case page": client.get(f"/konsol/pengaduan/{c.pk}/").content.decode(),
        "detail API": client.get(f"/api/v1/complaints/{c.pk}").content.decode(),
    }


def _mine(place, c: Complaint) -> dict[str, str]:
    client = _client(place.citizen)
    return {
        "my page": client.get(f"/akun/pengaduan/{c.pk}/").content.decode(),
        "detail API": client.get(f"/api/v1/complaints/{c.pk}").content.decode(),
    }


@pytest.mark.parametrize("case", CASES)
def test_each_combination_shows_the_name_and_text_only_to_whom_it_may(place, case):
    c = submit(place, anonymous=case.anonymous, confidential=case.confidential, text=TEXT)
    assert (c.anonymous, c.confidential) == (case.anonymous, case.confidential)
    for where, body in _public_views(c).items():
        name, text = _shown(body)
        assert not name or case.public[0], ("public", where, "name")
        if where in ("list page", "search"):  # lists show the title, not the text
            assert (c.title in body) == case.public[1], ("public", where, "title")
        else:
            assert text == case.public[1], ("public", where, "text")
    if case.public[0]:  # the name shows on the public page where it may
        assert NAME in _public_views(c)["detail page"]
    for where, body in _officer_views(place, c).items():
        assert _shown(body) == case.officer, ("officer", where)
    for where, body in _mine(place, c).items():
        assert _shown(body) == case.mine, ("complainant", where)


@pytest.mark.parametrize("case", CASES)
def test_the_public_sees_the_name_only_when_neither_flag_is_set(place, case):
    c = submit(place, anonymous=case.anonymous, confidential=case.confidential, text=TEXT)
    if c.confidential:
        return  # the detail is 404 (above); nothing to name
    with translation.override("en"):
        page = _client().get(f"/pengaduan/{c.tracking_number}/").content.decode()
        data = _client().get(f"/api/v1/complaints/public/{c.tracking_number}").json()
    assert (NAME in page) == (not case.anonymous)
    assert ("Anonymous complainant" in page) == case.anonymous
    assert data["complainant"] == ("anonymous" if case.anonymous else NAME)
    assert data["anonymous"] is case.anonymous and data["confidential"] is False


@pytest.mark.parametrize("case", CASES)
def test_officer_lists_and_exports_hide_only_anonymous_names(place, case):
    c = submit(place, anonymous=case.anonymous, confidential=case.confidential, text=TEXT)
    client = _client(place.officer, place.village)
    inbox = client.get("/konsol/pengaduan/", {"status": "all"}).content.decode()
    assert (NAME in inbox) == (not case.anonymous) and c.title in inbox
    rows = client.get(f"/api/v1/agencies/{place.village.pk}/complaints", {"status": "all"}).json()["rows"]
    assert [(r["complainant"] == NAME, r["anonymous"], r["confidential"]) for r in rows] == [
        (not case.anonymous, case.anonymous, case.confidential)
    ]
    text = client.get("/konsol/pengaduan/ekspor/", {"status": "all"}).content.decode()
    header, row = list(csv.reader(io.StringIO(text)))
    assert (row[5] == NAME) == (not case.anonymous)
    expected = {
        (False, False): "Public",
        (True, False): "Anonymous",
        (False, True): "Confidential",
        (True, True): "Anonymous and confidential",
    }[(case.anonymous, case.confidential)]
    assert header[4] == "Visibility" and row[4] == expected


@pytest.mark.parametrize("case", CASES)
def test_statistics_count_every_combination_and_show_no_name_or_text(place, case):
    submit(place, anonymous=case.anonymous, confidential=case.confidential, text=TEXT)
    client = _client()
    page = client.get("/pengaduan/statistik/").content.decode()
    api = client.get("/api/v1/complaints/statistics").json()
    assert api["total"]["received"] == 1
    for body in (page, str(api)):
        assert _shown(body) == (False, False)


def test_the_complainants_own_list_and_export_carry_both_flags(place):
    submit(place, anonymous=True, confidential=True, text=TEXT)
    rows = _client(place.citizen).get("/api/v1/me/complaints").json()
    assert [(r["complainant"], r["anonymous"], r["confidential"]) for r in rows] == [(NAME, True, True)]
    page = _client(place.citizen).get("/akun/pengaduan/").content.decode()
    assert "Anonymous and confidential" in page


def test_older_clients_may_still_send_one_visibility_word(place):
    for word, flags in (
        ("public", (False, False)),
        ("anonymous", (True, False)),
        ("confidential", (False, True)),
        ("anonymous_confidential", (True, True)),
    ):
        c = submit(place, word)
        assert (c.anonymous, c.confidential) == flags and c.visibility == word
    # Explicit flags win over the word.
    c = submit(place, "anonymous", anonymous=False, confidential=True)
    assert (c.anonymous, c.confidential) == (False, True)
    with pytest.raises(InvalidInput) as refused:
        submit(place, "secret")
    assert refused.value.code == "visibility_invalid"


# ---- the verifier's change at verification ----


def test_the_verifier_makes_a_public_report_confidential_on_the_case_page(place):
    c = submit(place, text=TEXT)
    client = _client(place.officer, place.village)
    form = {"action": "verify", "flags": "on", "confidential": "on"}
    # A change needs its reason: refused and nothing changed.
    page = client.post(f"/konsol/pengaduan/{c.pk}/", form)
    assert page.status_code == 200 and "Say why who may see the report changes" in page.content.decode()
    c.refresh_from_db()
    assert (c.status, c.confidential) == ("submitted", False)
    # With the reason: verified and confidential.
    reason = "The report names a resident; kept off public pages."
    page = client.post(f"/konsol/pengaduan/{c.pk}/", {**form, "note": reason})
    assert page.status_code == 302
    c.refresh_from_db()
    assert (c.status, c.anonymous, c.confidential) == ("verified", False, True)
    event = AuditEvent.objects.get(verb="complaint.visibility_changed")
    assert event.changes == {"anonymous": [False, False], "confidential": [False, True], "reason": reason}
    assert event.actor_id == place.officer.pk and event.agency_id == place.village.pk
    history = list(ComplaintEvent.objects.filter(complaint=c).values_list("action", "note"))
    assert history[-2:] == [("verify", ""), ("visibility", reason)]
    told = Message.objects.filter(recipient=place.citizen, template_key="complaint.updated", channel="email")
    assert told.count() == 2  # verified, and who may see it
    change = next(m for m in told if reason in m.body)
    assert change.language == "id" and c.tracking_number in change.body  # the citizen's language
    # Now off the public pages.
    assert _client().get(f"/pengaduan/{c.tracking_number}/").status_code == 404
    assert c.title not in _client().get("/pengaduan/").content.decode()


def test_verifying_without_touching_the_flags_changes_nothing(place):
    c = submit(place, anonymous=True)
    client = _client(place.officer, place.village)
    page = client.post(f"/konsol/pengaduan/{c.pk}/", {"action": "verify", "flags": "on", "anonymous": "on"})
    assert page.status_code == 302
    c.refresh_from_db()
    assert (c.status, c.anonymous, c.confidential) == ("verified", True, False)
    assert not AuditEvent.objects.filter(verb="complaint.visibility_changed").exists()


def test_the_api_changes_both_flags_at_verification_only(place):
    c = submit(place)
    client = _client(place.officer)
    url = f"/api/v1/complaints/{c.pk}/actions"
    early = client.post(url, {"action": "forward", "note": "x", "anonymous": True}, content_type="application/json")
    assert early.status_code == 400 and early.json()["code"] == "visibility_not_at_this_step"
    no_reason = client.post(url, {"action": "verify", "anonymous": True}, content_type="application/json")
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "visibility_reason_required"
    done = client.post(
        url,
        {"action": "verify", "anonymous": True, "confidential": True, "note": "Pelapor meminta lewat telepon."},
        content_type="application/json",
    )
    assert done.status_code == 200
    data = done.json()
    assert (data["anonymous"], data["confidential"], data["visibility"]) == (True, True, "anonymous_confidential")
    # The officer's own answer already hides the name it made anonymous.
    assert data["complainant"] == "Anonymous complainant" and NAME not in done.content.decode()
    c.refresh_from_db()
    assert (c.status, c.anonymous, c.confidential) == ("verified", True, True)
    # Once anonymous, the complainant's message stays out of the agency's delivery log.
    told = Message.objects.filter(recipient=place.citizen, template_key="complaint.updated")
    assert told.exists() and all(m.agency_id is None for m in told if "Pelapor meminta" in m.body)


def test_only_an_officer_of_the_complaint_changes_the_flags(place):
    c = submit(place)
    for outsider in (place.other_officer, place.citizen):
        with pytest.raises((Forbidden, InvalidInput)) as refused:
            complaint_act(actor=actor_for(outsider), complaint=c, action="verify", confidential=True, note="x")
        assert refused.value.code in ("not_your_step", "complaint_not_found")
    c.refresh_from_db()
    assert (c.status, c.confidential) == ("submitted", False)
    # The owner's control: the village's verifier may.
    complaint_act(actor=actor_for(place.officer), complaint=c, action="verify", confidential=True, note="Alasan.")
    c.refresh_from_db()
    assert (c.status, c.confidential) == ("verified", True)
