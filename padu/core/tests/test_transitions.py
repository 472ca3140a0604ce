"""The transition engine on known-answer tables: what is open to whom in each state, and each
refusal (wrong state, wrong person, missing reason) next to the control that passes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pytest

from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound, PaduError
from padu.core.transitions import Refusals, Table, Transition, holds_role


class Who(Enum):
    CLERK = "clerk"
    HEAD = "head"


# A leave request: draft → sent → approved / refused; the clerk may withdraw a sent one, and
# may chase an overdue one.
T = Transition
LEAVE = Table(
    (
        T("send", "draft", "sent", Who.CLERK),
        T("approve", "sent", "approved", Who.HEAD),
        T("refuse", "sent", "refused", Who.HEAD, needs_note=True),
        T("withdraw", "sent", "withdrawn", Who.CLERK),
        T("withdraw", "draft", "withdrawn", Who.CLERK),
        T("chase", "sent", "sent", Who.CLERK, when="overdue"),
    )
)


@dataclass
class Leave:
    status: str


def _as(who: Who):
    return lambda t: t.who is who


# --- the table --------------------------------------------------------------------------


def test_the_table_lists_every_step_open_in_a_state_in_its_order():
    assert [(t.action, t.target) for t in LEAVE.from_state("sent")] == [
        ("approve", "approved"),
        ("refuse", "refused"),
        ("withdraw", "withdrawn"),
    ]
    assert [t.action for t in LEAVE.from_state("sent", Who.CLERK)] == ["withdraw"]
    assert [t.action for t in LEAVE.from_state("sent", Who.CLERK, holds=lambda c: c == "overdue")] == [
        "withdraw",
        "chase",
    ]
    assert LEAVE.from_state("approved") == []
    assert LEAVE.actions == ["approve", "chase", "refuse", "send", "withdraw"]


def test_the_actions_available_to_an_actor():
    assert LEAVE.available("sent", _as(Who.HEAD)) == ["approve", "refuse"]
    assert LEAVE.available("sent", _as(Who.CLERK)) == ["withdraw"]
    assert LEAVE.available("draft", _as(Who.CLERK)) == ["send", "withdraw"]
    assert LEAVE.available("draft", _as(Who.HEAD)) == []


def test_find_by_action_state_and_condition():
    assert LEAVE.find("send", "draft") == T("send", "draft", "sent", Who.CLERK)
    assert LEAVE.find("send", "sent") is None
    assert LEAVE.find("nonsense", "draft") is None
    assert LEAVE.find("chase", "sent") is None  # its condition is not known to hold
    assert LEAVE.find("chase", "sent", holds=lambda c: False) is None
    assert LEAVE.find("chase", "sent", holds=lambda c: c == "overdue") is not None


def test_a_step_declared_twice_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        Table((T("send", "draft", "sent", Who.CLERK), T("send", "draft", "sent", Who.HEAD)))


# --- refusals, each with its owner control ------------------------------------------------


def test_wrong_state_is_refused_and_the_right_state_passes():
    with pytest.raises(Conflict) as caught:
        LEAVE.check("approve", "draft", may=_as(Who.HEAD))
    assert caught.value.code == "transition_not_allowed" and caught.value.status == 409
    assert LEAVE.check("approve", "sent", may=_as(Who.HEAD)).target == "approved"


def test_an_unknown_action_is_refused_as_a_wrong_state():
    with pytest.raises(Conflict) as caught:
        LEAVE.check("delete", "sent")
    assert caught.value.code == "transition_not_allowed"


def test_wrong_person_is_refused_and_the_right_person_passes():
    with pytest.raises(Forbidden) as caught:
        LEAVE.check("approve", "sent", may=_as(Who.CLERK))
    assert caught.value.code == "not_your_step" and caught.value.status == 403
    assert LEAVE.check("approve", "sent", may=_as(Who.HEAD)).action == "approve"


def test_missing_reason_is_refused_and_a_reason_passes():
    for blank in ("", "   ", "\n"):
        with pytest.raises(InvalidInput) as caught:
            LEAVE.check("refuse", "sent", may=_as(Who.HEAD), reason=blank)
        assert caught.value.code == "reason_required"
    assert LEAVE.check("refuse", "sent", may=_as(Who.HEAD), reason="Cuti bersama").target == "refused"
    # A step that needs none passes without one.
    assert LEAVE.check("approve", "sent", may=_as(Who.HEAD), reason="").target == "approved"


def test_a_step_whose_condition_does_not_hold_is_refused_as_a_wrong_state():
    with pytest.raises(Conflict):
        LEAVE.check("chase", "sent", may=_as(Who.CLERK), holds=lambda c: False)
    assert LEAVE.check("chase", "sent", may=_as(Who.CLERK), holds=lambda c: c == "overdue").target == "sent"


def test_refusals_come_in_order_state_person_reason():
    # Everything wrong: the state is what is reported.
    with pytest.raises(Conflict):
        LEAVE.check("refuse", "draft", may=_as(Who.CLERK), reason="")
    # Right state, wrong person and no reason: the person.
    with pytest.raises(Forbidden):
        LEAVE.check("refuse", "sent", may=_as(Who.CLERK), reason="")
    # Right state and person, no reason: the reason.
    with pytest.raises(InvalidInput):
        LEAVE.check("refuse", "sent", may=_as(Who.HEAD), reason="")


def test_checks_left_out_are_not_made():
    # No `may`: the caller checked the person itself; no `reason`: it checks the reason itself.
    assert LEAVE.check("refuse", "sent").target == "refused"


def test_a_domain_words_its_own_refusals():
    def wrong_state(action: str, state: str) -> PaduError:
        return Conflict(f"cannot {action} when {state}", code="leave_locked")

    table = Table(
        LEAVE.transitions,
        Refusals(
            wrong_state=wrong_state,
            wrong_person=lambda t: Forbidden(code="head_only"),
            missing_reason=lambda t: InvalidInput(code="say_why", errors={"note": ["?"]}),
        ),
    )
    with pytest.raises(Conflict) as state:
        table.check("approve", "draft")
    assert (state.value.code, state.value.message) == ("leave_locked", "cannot approve when draft")
    with pytest.raises(Forbidden) as person:
        table.check("approve", "sent", may=_as(Who.CLERK))
    assert person.value.code == "head_only"
    with pytest.raises(InvalidInput) as reason:
        table.check("refuse", "sent", may=_as(Who.HEAD), reason=" ")
    assert reason.value.code == "say_why" and reason.value.errors == {"note": ["?"]}
    # This call words the person refusal its own way (an outsider is told "not found").
    with pytest.raises(NotFound):
        table.check("approve", "sent", may=_as(Who.CLERK), wrong_person=lambda t: NotFound(code="leave_not_found"))
    assert table.check("refuse", "sent", may=_as(Who.HEAD), reason="x").target == "refused"


# --- performing a step --------------------------------------------------------------------


def test_perform_moves_the_subject_and_a_refusal_leaves_it():
    leave = Leave(status="draft")
    assert LEAVE.perform(leave, "send", may=_as(Who.CLERK)).target == "sent"
    assert leave.status == "sent"
    with pytest.raises(Forbidden):
        LEAVE.perform(leave, "approve", may=_as(Who.CLERK))
    with pytest.raises(InvalidInput):
        LEAVE.perform(leave, "refuse", may=_as(Who.HEAD), reason="")
    assert leave.status == "sent"
    LEAVE.perform(leave, "refuse", may=_as(Who.HEAD), reason="Kuota habis")
    assert leave.status == "refused"
    with pytest.raises(Conflict):
        LEAVE.perform(leave, "approve", may=_as(Who.HEAD))
    assert leave.status == "refused"


def test_perform_picks_the_target_where_an_action_has_several():
    table = Table((T("decide", "open", "granted", Who.HEAD), T("decide", "open", "refused", Who.HEAD)))
    leave = Leave(status="open")
    table.perform(leave, "decide", target="refused")
    assert leave.status == "refused"
    with pytest.raises(Conflict):
        table.perform(Leave(status="open"), "decide", target="lost")


# --- role sets --------------------------------------------------------------------------


def test_a_table_whose_who_is_a_set_of_roles():
    roles = Table(
        (
            T("cancel", "unpaid", "cancelled", frozenset({"treasurer"}), needs_note=True),
            T("refund", "paid", "refunded", frozenset({"treasurer", "agency_admin"})),
        )
    )
    treasurer, admin, clerk = holds_role(["treasurer"]), holds_role({"agency_admin"}), holds_role(())
    assert roles.available("unpaid", treasurer) == ["cancel"]
    assert roles.available("unpaid", admin) == []
    assert roles.available("paid", admin) == ["refund"]
    with pytest.raises(Forbidden):
        roles.check("cancel", "unpaid", may=admin, reason="Salah tagih")
    assert roles.check("cancel", "unpaid", may=treasurer, reason="Salah tagih").target == "cancelled"
    with pytest.raises(Forbidden):
        roles.check("refund", "paid", may=clerk)
    assert roles.check("refund", "paid", may=admin).target == "refunded"
