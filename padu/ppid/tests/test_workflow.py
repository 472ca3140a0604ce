"""The PPID table on the core engine: known answers for every state and every person, the
outcomes of `decide`, and the refusals (codes and wording) the services answer with."""

from __future__ import annotations

import pytest
from django.utils import translation

from padu.core.actors import Actor
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from padu.core.roles import Role
from padu.ppid.models import RequestStatus as S
from padu.ppid.services import (
    objection_answer,
    objection_submit,
    request_decide,
    request_extend,
    request_submit,
    request_withdraw,
)
from padu.ppid.workflow import OVERDUE, WORKFLOW, Who, allowed_actions, find_transition
from tests.factories import actor_for, make_agency, make_citizen, make_staff

# For each state, the actions open to each person: (requester, officer, superior).
# The officer records an objection that came by letter or at the desk wherever the requester
# may object.
NOT_OVERDUE: dict[str, tuple[list[str], list[str], list[str]]] = {
    S.SUBMITTED: (["withdraw"], ["extend", "decide"], []),
    S.EXTENDED: (["withdraw"], ["decide"], []),
    S.GRANTED: (["object"], ["record_objection"], []),
    S.PARTLY_GRANTED: (["object"], ["record_objection"], []),
    S.REFUSED: (["object"], ["record_objection"], []),
    S.NOT_HELD: (["object"], ["record_objection"], []),
    S.WITHDRAWN: ([], [], []),
    S.OBJECTED: ([], [], ["answer_objection"]),
    S.OBJECTION_ANSWERED: ([], [], []),
}
# Once the answer is overdue, the requester may also object to an unanswered request.
OVERDUE_ANSWERS = {
    **NOT_OVERDUE,
    S.SUBMITTED: (["withdraw", "object"], ["extend", "decide", "record_objection"], []),
    S.EXTENDED: (["withdraw", "object"], ["decide", "record_objection"], []),
}
PEOPLE = (Who.REQUESTER, Who.OFFICER, Who.SUPERIOR)


def _as(who: Who):
    return lambda transition: transition.who is who


def test_every_status_has_known_answers():
    assert set(NOT_OVERDUE) == set(S.values)
    assert WORKFLOW.actions == ["answer_objection", "decide", "extend", "object", "record_objection", "withdraw"]


@pytest.mark.parametrize("status", S.values)
def test_actions_open_to_each_person_while_not_overdue(status):
    found = tuple(WORKFLOW.available(status, _as(who), holds=lambda condition: False) for who in PEOPLE)
    assert found == NOT_OVERDUE[status]
    # Without a judge for the condition, the overdue steps stay closed.
    assert tuple(WORKFLOW.available(status, _as(who)) for who in PEOPLE) == NOT_OVERDUE[status]


@pytest.mark.parametrize("status", S.values)
def test_actions_open_to_each_person_once_overdue(status):
    found = tuple(WORKFLOW.available(status, _as(who), holds=lambda c: c == OVERDUE) for who in PEOPLE)
    assert found == OVERDUE_ANSWERS[status]


def test_where_each_step_leads():
    leads: dict[tuple[str, str], set[str]] = {(t.action, t.source): set() for t in WORKFLOW.transitions}
    for t in WORKFLOW.transitions:
        leads[(t.action, t.source)].add(t.target)
    decided = {S.GRANTED, S.PARTLY_GRANTED, S.REFUSED, S.NOT_HELD}
    assert leads == {
        ("extend", S.SUBMITTED): {S.EXTENDED},
        ("decide", S.SUBMITTED): decided,
        ("decide", S.EXTENDED): decided,
        ("withdraw", S.SUBMITTED): {S.WITHDRAWN},
        ("withdraw", S.EXTENDED): {S.WITHDRAWN},
        **{("object", source): {S.OBJECTED} for source in (*decided, S.SUBMITTED, S.EXTENDED)},
        **{("record_objection", source): {S.OBJECTED} for source in (*decided, S.SUBMITTED, S.EXTENDED)},
        ("answer_objection", S.OBJECTED): {S.OBJECTION_ANSWERED},
    }
    conditional = {(t.action, t.source) for t in WORKFLOW.transitions if t.when}
    assert conditional == {
        ("object", S.SUBMITTED),
        ("object", S.EXTENDED),
        ("record_objection", S.SUBMITTED),
        ("record_objection", S.EXTENDED),
    }
    assert all(t.when == OVERDUE for t in WORKFLOW.transitions if t.when)
    assert not any(t.needs_note for t in WORKFLOW.transitions)  # the services ask for their own texts


def test_decide_picks_its_outcome_by_target():
    for outcome in (S.GRANTED, S.PARTLY_GRANTED, S.REFUSED, S.NOT_HELD):
        assert WORKFLOW.check("decide", S.EXTENDED, target=outcome).target == outcome
    with pytest.raises(Conflict) as exc:
        WORKFLOW.check("decide", S.SUBMITTED, target=S.WITHDRAWN)
    assert exc.value.code == "ppid_transition_not_allowed"


def test_find_transition_and_allowed_actions_leave_the_condition_to_the_caller():
    step = find_transition("object", S.SUBMITTED)
    assert step is not None and step.when == OVERDUE and step.who is Who.REQUESTER
    assert find_transition("object", S.GRANTED).when == ""  # type: ignore[union-attr]
    assert find_transition("extend", S.EXTENDED) is None
    assert find_transition("decide", S.SUBMITTED).target == S.GRANTED  # type: ignore[union-attr]
    assert [(t.action, t.target) for t in allowed_actions(S.EXTENDED)] == [
        ("decide", S.GRANTED),
        ("decide", S.PARTLY_GRANTED),
        ("decide", S.REFUSED),
        ("decide", S.NOT_HELD),
        ("withdraw", S.WITHDRAWN),
        ("object", S.OBJECTED),
        ("record_objection", S.OBJECTED),
    ]
    assert allowed_actions(S.OBJECTION_ANSWERED) == []


def test_wrong_state_refusals():
    with translation.override("en"):
        with pytest.raises(Conflict) as exc:
            WORKFLOW.check("extend", S.EXTENDED)
        assert exc.value.code == "ppid_already_extended"
        assert str(exc.value.message) == "The time to answer can be extended once only."
        with pytest.raises(Conflict) as exc:
            WORKFLOW.check("answer_objection", S.SUBMITTED)
        assert exc.value.code == "ppid_transition_not_allowed"
        # The status as its label, not lower-cased.
        assert str(exc.value.message) == "This step is not possible while the request is “Waiting for an answer”."
        with pytest.raises(Conflict) as exc:
            WORKFLOW.check("extend", S.WITHDRAWN)
        assert exc.value.code == "ppid_transition_not_allowed"
        with pytest.raises(Conflict) as exc:
            WORKFLOW.check("object", S.SUBMITTED)  # not overdue: a wrong state, as for a closed step
        assert exc.value.code == "ppid_transition_not_allowed"


def test_wrong_person_refusals():
    nobody = lambda transition: False  # noqa: E731
    with translation.override("en"):
        with pytest.raises(NotFound) as not_found:
            WORKFLOW.check("withdraw", S.SUBMITTED, may=nobody)
        assert not_found.value.code == "ppid_request_not_found"
        with pytest.raises(Forbidden) as officer:
            WORKFLOW.check("extend", S.SUBMITTED, may=nobody)
        assert officer.value.code == "ppid_role_required"
        assert str(officer.value.message) == "Only the information officer (PPID) may do this."
        with pytest.raises(Forbidden) as superior:
            WORKFLOW.check("answer_objection", S.OBJECTED, may=nobody)
        assert superior.value.code == "ppid_role_required"
        assert str(superior.value.message) == "Only the PPID's superior (the agency administrator) may do this."


# ---- the same refusals through the services ----


@pytest.fixture
def village(db):
    agency = make_agency()
    return agency, make_staff(agency, Role.INFORMATION_OFFICER), make_staff(agency, Role.AGENCY_ADMIN), make_citizen()


def _submit(agency, citizen):
    return request_submit(
        actor=Actor(user=citizen.user),
        agency=agency,
        requester_kind="person",
        name=citizen.name,
        nik=citizen.nik,
        address="Jl. Pandanwangi No. 12",
        email="warga@example.id",
        information="Salinan APBDes 2026",
        purpose="Penelitian",
        obtain_method="soft_copy",
        delivery_method="email",
    )


def test_services_refuse_the_wrong_person_in_their_own_words(village):
    agency, officer, admin, citizen = village
    request = _submit(agency, citizen)
    with translation.override("en"):
        with pytest.raises(Forbidden) as exc:
            request_extend(actor=Actor(user=citizen.user), request=request, reason="Saya sendiri")
        assert exc.value.code == "ppid_role_required"
        assert str(exc.value.message) == "Only the information officer (PPID) may do this."
        with pytest.raises(NotFound) as missing:
            request_withdraw(actor=actor_for(officer), request=request)
        assert missing.value.code == "ppid_request_not_found"
        request_decide(
            actor=actor_for(officer),
            request=request,
            decision="refused",
            note="Rahasia",
            exemption="17a",
            consequence_test="Menghambat penyidikan",
        )
        objection_submit(actor=Actor(user=citizen.user), request=request, grounds=["a"], reasons="Bukan rahasia")
        with pytest.raises(Forbidden) as exc:
            objection_answer(actor=actor_for(officer), request=request, outcome="upheld", answer="Diterima")
        assert exc.value.code == "ppid_role_required"
        assert str(exc.value.message) == "Only the PPID's superior (the agency administrator) may do this."
        with pytest.raises(Conflict) as conflict:
            request_extend(actor=actor_for(officer), request=request, reason="Lagi")
        assert conflict.value.code == "ppid_transition_not_allowed"
        assert str(conflict.value.message) == "This step is not possible while the request is “Objection lodged”."


def test_decide_checks_the_state_and_the_person_before_the_decision(village):
    agency, officer, _admin, citizen = village
    request = _submit(agency, citizen)
    with pytest.raises(Forbidden):
        request_decide(actor=Actor(user=citizen.user), request=request, decision="nonsense")
    with pytest.raises(InvalidInput) as exc:
        request_decide(actor=actor_for(officer), request=request, decision="nonsense")
    assert exc.value.code == "ppid_decision_invalid"
    request = request_decide(actor=actor_for(officer), request=request, decision="not_held", note="Di dinas lain")
    assert request.status == S.NOT_HELD
    with pytest.raises(Conflict) as conflict:
        request_decide(actor=actor_for(officer), request=request, decision="nonsense")
    assert conflict.value.code == "ppid_transition_not_allowed"
