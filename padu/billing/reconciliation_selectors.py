"""Reads for reconciliation: statements, their lines and the channels to reconcile, for the
agency's treasurer only (other staff get 403, other agencies 404)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.billing.models import MatchResult, PaymentChannel, SettlementLine, SettlementStatement
from padu.billing.permissions import can_read_bills, is_treasurer
from padu.billing.reconciliation import ALLOWED
from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound
from padu.core.models import Agency
from padu.core.selectors import agency_get_for

# What a line's `detail` means, for the page and the API.
DETAILS = {
    "matched_by_code": gettext_lazy("Matched by billing code: the channel's reference differs from Padu's."),
    "reversed_in_padu": gettext_lazy("Padu has this payment, but it was reversed."),
    "unknown_code": gettext_lazy("No bill of this agency has this billing code."),
    "in_earlier_statement": gettext_lazy("This payment was already in an earlier statement."),
}


def _require_treasurer(actor: Actor, agency: Agency) -> None:
    if not is_treasurer(actor, agency.pk):
        raise Forbidden(_("Only the agency's treasurer reconciles settlement statements."), code="treasurer_required")


def reconciliation_agency(actor: Actor, agency_id: int) -> Agency:
    agency = agency_get_for(actor, agency_id)
    if not can_read_bills(actor, agency):
        raise NotFound(_("Agency not found."), code="agency_not_found")
    _require_treasurer(actor, agency)
    return agency


def reconciliation_channels(actor: Actor, agency_id: int) -> QuerySet[PaymentChannel]:
    agency = reconciliation_agency(actor, agency_id)
    return PaymentChannel.objects.filter(agency=agency).order_by("name")


def statements_for(actor: Actor, agency_id: int) -> QuerySet[SettlementStatement]:
    agency = reconciliation_agency(actor, agency_id)
    return (
        SettlementStatement.objects.filter(agency=agency)
        .select_related("channel", "uploaded_by")
        .order_by("-period_end", "-pk")
    )


def statement_for(actor: Actor, statement_id: int) -> SettlementStatement:
    statement = (
        SettlementStatement.objects.select_related("agency", "channel", "uploaded_by").filter(pk=statement_id).first()
    )
    if statement is None or not can_read_bills(actor, statement.agency):
        raise NotFound(_("Statement not found."), code="statement_not_found")
    _require_treasurer(actor, statement.agency)
    return statement


def statement_lines(statement: SettlementStatement) -> QuerySet[SettlementLine]:
    return statement.lines.select_related("bill", "payment", "resolved_by").order_by(
        F("row_number").asc(nulls_last=True), "pk"
    )


def line_for(actor: Actor, line_id: int) -> SettlementLine:
    line = (
        SettlementLine.objects.select_related(
            "statement__agency", "statement__channel", "bill", "payment", "resolved_by"
        )
        .filter(pk=line_id)
        .first()
    )
    if line is None or not can_read_bills(actor, line.statement.agency):
        raise NotFound(_("Statement line not found."), code="line_not_found")
    _require_treasurer(actor, line.statement.agency)
    return line


def allowed_actions(line: SettlementLine) -> list[str]:
    """The resolutions this line may still take (none for a match or a settled line)."""
    if not line.is_open:
        return []
    actions = [str(a) for a in ALLOWED[MatchResult(line.result)]]
    if line.resolution == "escalated":
        actions.remove("escalated")
    return actions


@dataclass
class StatementView:
    statement: SettlementStatement
    matched: list[SettlementLine]
    missing_in_padu: list[SettlementLine]
    missing_in_statement: list[SettlementLine]
    mismatched: list[SettlementLine]

    @property
    def difference(self) -> int:
        """What the statement says minus what Padu recorded for the period, in Rupiah."""
        return self.statement.statement_total - self.statement.padu_total


def statement_view(actor: Actor, statement_id: int) -> StatementView:
    statement = statement_for(actor, statement_id)
    groups: dict[str, list[SettlementLine]] = {r.value: [] for r in MatchResult}
    for line in statement_lines(statement):
        groups[line.result].append(line)
    return StatementView(
        statement=statement,
        matched=groups[MatchResult.MATCHED],
        missing_in_padu=groups[MatchResult.MISSING_IN_PADU],
        missing_in_statement=groups[MatchResult.MISSING_IN_STATEMENT],
        mismatched=groups[MatchResult.AMOUNT_MISMATCH],
    )
