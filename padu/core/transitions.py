"""State machines as tables: every allowed step in one place, with who may take it.

A domain declares its `Transition`s (from which state, the action, the state it leads to,
who may take it, whether it needs a reason, and optionally a named condition) and the
`Refusals` it answers with, in a `Table`. The table lists the steps open in a state (to
anyone, to one kind of actor, or to an actor the caller's predicate accepts) and checks or
makes one step, refusing in a fixed order: a step not open in the state (wrong state), then
an actor who may not take it (wrong person), then a missing reason.

`who` is whatever the domain uses to say who takes a step: an Enum member (the applicant,
the officer), a set of roles, ... The caller's `may` predicate decides whether the actor in
front of it counts; `holds_role` builds one for tables whose `who` is a set of roles.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from padu.core.errors import Conflict, Forbidden, InvalidInput, PaduError

W = TypeVar("W")
W_co = TypeVar("W_co", covariant=True)


@dataclass(frozen=True)
class Transition(Generic[W_co]):
    action: str
    source: str
    target: str
    who: W_co
    needs_note: bool = False  # the actor must give a reason
    # A named condition the caller judges (e.g. "overdue"); the step is open only while it holds.
    when: str = ""


def _not_allowed(action: str, state: str) -> PaduError:
    return Conflict(code="transition_not_allowed")


def _not_yours(transition: Transition[Any]) -> PaduError:
    return Forbidden(code="not_your_step")


def _reason_missing(transition: Transition[Any]) -> PaduError:
    return InvalidInput(code="reason_required")


@dataclass(frozen=True)
class Refusals:
    """The errors a table answers with; each domain words its own (and keeps its codes)."""

    wrong_state: Callable[[str, str], PaduError] = _not_allowed  # (action, state)
    wrong_person: Callable[[Transition[Any]], PaduError] = _not_yours
    missing_reason: Callable[[Transition[Any]], PaduError] = _reason_missing


Predicate = Callable[[Transition[W]], bool]


class Table(Generic[W]):
    def __init__(self, transitions: Iterable[Transition[W]], refusals: Refusals | None = None) -> None:
        self.transitions: tuple[Transition[W], ...] = tuple(transitions)
        keys = [(t.action, t.source, t.target, t.when) for t in self.transitions]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            raise ValueError(f"Transitions declared twice: {repeated}")
        self.refusals = refusals or Refusals()
        self.actions: list[str] = sorted({t.action for t in self.transitions})

    def _open(self, t: Transition[W], holds: Callable[[str], bool] | None) -> bool:
        return not t.when or (holds is not None and holds(t.when))

    def find(
        self,
        action: str,
        source: str,
        *,
        target: str | None = None,
        holds: Callable[[str], bool] | None = None,
    ) -> Transition[W] | None:
        """The step `action` from `source` (to `target`, where an action has several), or None.
        A step with a condition is found only where `holds(condition)` is true."""
        return next(
            (
                t
                for t in self.transitions
                if t.action == action
                and t.source == source
                and (target is None or t.target == target)
                and self._open(t, holds)
            ),
            None,
        )

    def from_state(
        self, source: str, who: W | None = None, *, holds: Callable[[str], bool] | None = None
    ) -> list[Transition[W]]:
        """Every step open in `source` (to `who` only, when given), in the table's order."""
        return [
            t for t in self.transitions if t.source == source and (who is None or t.who == who) and self._open(t, holds)
        ]

    def available(self, source: str, may: Predicate[W], *, holds: Callable[[str], bool] | None = None) -> list[str]:
        """The actions an actor may take in `source` (`may` says whether a step is theirs),
        each once, in the table's order."""
        return list(dict.fromkeys(t.action for t in self.from_state(source, holds=holds) if may(t)))

    def check(
        self,
        action: str,
        source: str,
        *,
        may: Predicate[W] | None = None,
        reason: str | None = None,
        target: str | None = None,
        holds: Callable[[str], bool] | None = None,
        wrong_person: Callable[[Transition[W]], PaduError] | None = None,
    ) -> Transition[W]:
        """The step, or the domain's refusal: wrong state, then wrong person (when `may` is
        given), then a missing reason (when `reason` is given and the step needs one).
        `wrong_person` words the refusal for this call (e.g. "not found" to outsiders)."""
        transition = self.find(action, source, target=target, holds=holds)
        if transition is None:
            raise self.refusals.wrong_state(action, source)
        if may is not None and not may(transition):
            raise (wrong_person or self.refusals.wrong_person)(transition)
        if reason is not None and transition.needs_note and not reason.strip():
            raise self.refusals.missing_reason(transition)
        return transition

    def perform(
        self,
        subject: Any,
        action: str,
        *,
        field: str = "status",
        may: Predicate[W] | None = None,
        reason: str | None = None,
        target: str | None = None,
        holds: Callable[[str], bool] | None = None,
        wrong_person: Callable[[Transition[W]], PaduError] | None = None,
    ) -> Transition[W]:
        """Check the step from `subject.<field>` and move the subject to its target (not
        saved: the caller saves what else changes with it)."""
        transition = self.check(
            action,
            getattr(subject, field),
            may=may,
            reason=reason,
            target=target,
            holds=holds,
            wrong_person=wrong_person,
        )
        setattr(subject, field, transition.target)
        return transition


def holds_role(roles: Collection[str]) -> Callable[[Transition[Collection[str]]], bool]:
    """A `may` predicate for a table whose `who` is a set of roles: the actor holds one of them."""
    held = set(roles)
    return lambda transition: bool(held & set(transition.who))
