"""The state machine: every step, who may take it, and illegal steps refused with 409."""

from __future__ import annotations

import pytest

from padu.complaints.models import ComplaintEvent, Forward, Status
from padu.complaints.services import complaint_act
from padu.complaints.tests.factories import make_place, submit
from padu.complaints.workflow import TRANSITIONS, Who
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.models import AuditEvent
from padu.notify.models import Message as Notification
from tests.factories import actor_for, tiny_image

PNG = tiny_image()

pytestmark = pytest.mark.django_db


def test_the_table_has_one_transition_per_action_and_state():
    keys = [(t.action, t.source) for t in TRANSITIONS]
    assert len(keys) == len(set(keys))
    assert {t.who for t in TRANSITIONS if t.action in ("rate", "reopen", "withdraw")} == {Who.COMPLAINANT}


def test_a_complaint_goes_from_submitted_to_closed_with_every_step_audited_and_told():
    place = make_place()
    complaint = submit(place)
    assert complaint.status == Status.SUBMITTED and complaint.due_at is not None
    assert Notification.objects.filter(recipient=place.citizen, template_key="complaint.received").exists()
    assert Notification.objects.filter(recipient=place.officer, template_key="complaint.assigned").exists()
    officer = actor_for(place.officer)
    complaint = complaint_act(actor=officer, complaint=complaint, action="verify")
    assert complaint.status == Status.VERIFIED
    complaint = complaint_act(actor=officer, complaint=complaint, action="answer", note="Sudah ditambal hari ini.")
    assert complaint.status == Status.ANSWERED and complaint.reopen_until is not None
    assert complaint.answered_on_time is True
    complaint = complaint_act(actor=actor_for(place.citizen), complaint=complaint, action="rate", rating=5)
    assert complaint.status == Status.CLOSED and complaint.rating == 5 and complaint.closed_at
    verbs = list(
        AuditEvent.objects.filter(object_type="complaints.complaint", object_id=str(complaint.pk)).values_list(
            "verb", flat=True
        )
    )
    assert verbs == ["complaint.submitted", "complaint.verify", "complaint.answer", "complaint.rate"]
    actions = list(ComplaintEvent.objects.filter(complaint=complaint).values_list("action", flat=True))
    assert actions == ["submit", "verify", "answer", "rate"]
    steps = Notification.objects.filter(recipient=place.citizen, template_key="complaint.updated", channel="inapp")
    assert steps.count() == 2  # verified, answered
    assert Notification.objects.filter(recipient=place.officer, template_key="complaint.activity").exists()


@pytest.mark.parametrize(
    ("action", "who"),
    [("answer", "officer"), ("close", "officer"), ("rate", "citizen"), ("reopen", "citizen")],
)
def test_illegal_transitions_are_refused_with_409(action, who):
    place = make_place()
    complaint = submit(place)
    user = place.officer if who == "officer" else place.citizen
    with pytest.raises(Conflict) as caught:
        complaint_act(actor=actor_for(user), complaint=complaint, action=action, note="x", rating=4)
    assert caught.value.status == 409 and caught.value.code == "transition_not_allowed"
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED


def test_unknown_action_is_409_not_a_silent_no_op():
    place = make_place()
    complaint = submit(place)
    with pytest.raises(Conflict):
        complaint_act(actor=actor_for(place.officer), complaint=complaint, action="approve")


def test_other_agencies_and_complainants_cannot_act():
    place = make_place()
    complaint = submit(place)
    with pytest.raises(Forbidden) as caught:
        complaint_act(actor=actor_for(place.other_officer), complaint=complaint, action="verify")
    assert caught.value.code == "not_your_step"
    with pytest.raises(Forbidden):
        complaint_act(actor=actor_for(place.citizen), complaint=complaint, action="verify")
    with pytest.raises(NotFound):
        complaint_act(actor=actor_for(place.stranger), complaint=complaint, action="withdraw")


def test_forward_moves_the_complaint_keeps_history_and_restarts_verification():
    place = make_place()
    complaint = submit(place)
    officer = actor_for(place.officer)
    with pytest.raises(InvalidInput) as caught:
        complaint_act(actor=officer, complaint=complaint, action="forward", note="Bukan wilayah kami")
    assert caught.value.code == "forward_target_invalid"
    with pytest.raises(InvalidInput) as caught:
        complaint_act(actor=officer, complaint=complaint, action="forward", to_agency=place.other_village)
    assert caught.value.code == "field_required"
    complaint = complaint_act(
        actor=officer,
        complaint=complaint,
        action="forward",
        note="Lokasi di Cileunyi Wetan",
        to_agency=place.other_village,
    )
    assert complaint.status == Status.FORWARDED
    assert complaint.handling_agency == place.other_village and complaint.agency == place.village
    assert Forward.objects.filter(complaint=complaint, from_agency=place.village).count() == 1
    # The sender no longer acts; the receiver verifies.
    with pytest.raises(Forbidden):
        complaint_act(actor=officer, complaint=complaint, action="verify")
    complaint = complaint_act(actor=actor_for(place.other_officer), complaint=complaint, action="verify")
    assert complaint.status == Status.VERIFIED
    assert AuditEvent.objects.filter(agency_id=place.other_village.pk, verb="complaint.received_forward").exists()


def test_reopen_then_answer_again_then_close_by_officer():
    place = make_place()
    complaint = submit(place)
    officer = actor_for(place.officer)
    citizen = actor_for(place.citizen)
    complaint = complaint_act(actor=officer, complaint=complaint, action="verify")
    complaint = complaint_act(actor=officer, complaint=complaint, action="answer", note="Sudah diperbaiki.")
    with pytest.raises(InvalidInput):
        complaint_act(actor=citizen, complaint=complaint, action="reopen")  # a reason is needed
    complaint = complaint_act(actor=citizen, complaint=complaint, action="reopen", note="Belum, masih berlubang.")
    assert complaint.status == Status.REOPENED and complaint.due_at is not None
    complaint = complaint_act(actor=officer, complaint=complaint, action="answer", note="Kini sudah diaspal.")
    complaint = complaint_act(actor=officer, complaint=complaint, action="close", note="Warga sudah konfirmasi.")
    assert complaint.status == Status.CLOSED
    # Closed but still inside the window: the complainant may rate once.
    complaint = complaint_act(actor=citizen, complaint=complaint, action="rate", rating=4, note="Terima kasih")
    with pytest.raises(Conflict) as caught:
        complaint_act(actor=citizen, complaint=complaint, action="rate", rating=5)
    assert caught.value.code == "already_rated"
    with pytest.raises(Conflict):
        complaint_act(actor=citizen, complaint=complaint, action="reopen", note="lagi")


@pytest.mark.parametrize("rating", [0, 6, None, True])
def test_rating_must_be_1_to_5(rating):
    place = make_place()
    complaint = submit(place)
    officer = actor_for(place.officer)
    complaint = complaint_act(actor=officer, complaint=complaint, action="verify")
    complaint = complaint_act(actor=officer, complaint=complaint, action="answer", note="Selesai.")
    with pytest.raises(InvalidInput) as caught:
        complaint_act(actor=actor_for(place.citizen), complaint=complaint, action="rate", rating=rating)
    assert caught.value.code == "rating_invalid"


def test_withdraw_and_reject_end_the_complaint():
    place = make_place()
    first = submit(place)
    first = complaint_act(actor=actor_for(place.citizen), complaint=first, action="withdraw")
    assert first.status == Status.WITHDRAWN and first.due_at is None
    second = submit(place)
    with pytest.raises(InvalidInput):
        complaint_act(actor=actor_for(place.officer), complaint=second, action="reject")
    second = complaint_act(actor=actor_for(place.officer), complaint=second, action="reject", note="Laporan ganda.")
    assert second.status == Status.REJECTED


def test_a_failed_submission_leaves_no_stored_file(monkeypatch, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from padu.complaints import services

    settings.MEDIA_ROOT = tmp_path
    place = make_place()

    def broken(*args, **kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr(services.tell, "tell_officers", broken)
    photo = SimpleUploadedFile("a.png", PNG)
    with pytest.raises(RuntimeError):
        submit(place, uploads=[photo])
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
