"""The steps the pages offer (complainant_actions, officer_actions) are exactly the steps
complaint_act accepts: a page never offers a step that fails, nor hides one that works."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from padu.complaints.models import Complaint
from padu.complaints.services import complainant_actions, complaint_act, officer_actions
from padu.complaints.tests.factories import Place, make_place, submit
from padu.complaints.workflow import COMPLAINANT_ACTIONS, OFFICER_ACTIONS
from padu.core.actors import Actor
from padu.core.errors import PaduError
from tests.factories import actor_for

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def _accepted(actor: Actor, complaint: Complaint, action: str, place: Place) -> bool:
    """Whether complaint_act takes the step now (undone at once)."""
    try:
        with transaction.atomic():
            complaint_act(
                actor=actor,
                complaint=complaint,
                action=action,
                note="Catatan untuk langkah ini.",
                rating=4,
                to_agency=place.other_village,
            )
            raise _Undo
    except _Undo:
        return True
    except PaduError:
        return False


def _accepted_for_complainant(place: Place, complaint: Complaint) -> set[str]:
    citizen = actor_for(place.citizen)
    return {action for action in COMPLAINANT_ACTIONS if _accepted(citizen, complaint, action, place)}


def _answered(place: Place) -> Complaint:
    officer = actor_for(place.officer)
    complaint = complaint_act(actor=officer, complaint=submit(place), action="verify")
    return complaint_act(actor=officer, complaint=complaint, action="answer", note="Sudah ditambal.")


def _stages(place: Place) -> list[tuple[str, Complaint]]:
    """One complaint at each stage, read afresh."""
    citizen = actor_for(place.citizen)
    late = _answered(place)
    Complaint.objects.filter(pk=late.pk).update(reopen_until=timezone.now() - dt.timedelta(minutes=1))
    stages = [
        ("submitted", submit(place)),
        ("verified", complaint_act(actor=actor_for(place.officer), complaint=submit(place), action="verify")),
        ("answered", _answered(place)),
        ("answered, window closed", late),
        ("rated", complaint_act(actor=citizen, complaint=_answered(place), action="rate", rating=5)),
        ("reopened", complaint_act(actor=citizen, complaint=_answered(place), action="reopen", note="Belum beres.")),
        ("withdrawn", complaint_act(actor=citizen, complaint=submit(place), action="withdraw")),
    ]
    return [(stage, Complaint.objects.get(pk=complaint.pk)) for stage, complaint in stages]


def test_the_complainant_is_offered_exactly_the_steps_that_work():
    place = make_place()
    offered = {}
    for stage, complaint in _stages(place):
        offered[stage] = complainant_actions(complaint)
        assert offered[stage] == _accepted_for_complainant(place, complaint), stage
    assert offered["answered"] == {"rate", "reopen"}
    assert offered["answered, window closed"] == {"rate"}
    assert offered["rated"] == set()
    assert offered["submitted"] == {"withdraw"}
    assert offered["reopened"] == {"withdraw"}


def test_the_reopen_window_is_read_at_the_given_time():
    place = make_place()
    officer = actor_for(place.officer)
    complaint = complaint_act(actor=officer, complaint=submit(place), action="verify")
    complaint = complaint_act(actor=officer, complaint=complaint, action="answer", note="Sudah ditambal.")
    assert complaint.reopen_until is not None
    assert "reopen" in complainant_actions(complaint, now=complaint.reopen_until)
    assert "reopen" not in complainant_actions(complaint, now=complaint.reopen_until + dt.timedelta(seconds=1))


def test_officers_are_offered_exactly_the_decisions_that_work_and_others_none():
    place = make_place()
    for _stage, complaint in _stages(place):
        for user in (place.officer, place.other_officer, place.district_officer, place.citizen):
            actor = actor_for(user)
            offered = officer_actions(actor, complaint)
            assert len(offered) == len(set(offered))
            accepted = {a for a in OFFICER_ACTIONS if _accepted(actor, complaint, a, place)}
            assert set(offered) == accepted, (_stage, user.full_name)
    complaint = submit(place)
    assert set(officer_actions(actor_for(place.officer), complaint)) == {"verify", "forward", "reject"}
    assert officer_actions(actor_for(place.other_officer), complaint) == []
