"""The counter (loket): a front-desk officer serves a walk-in citizen who has no account or no
email. The person is found by NIK (the citizen look-up, padu.accounts) or registered as a
light profile; the officer fills the service form for them (an assisted application, channel
`counter`), prints a receipt with the tracking number, and later hands the letter over.

The hand-over is recorded as a case-history event (`handed_over`) with its audit record: the
letter left the office, to whom, and when.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from padu.billing.models import Bill, BillStatus
from padu.billing.selectors import bill_for_application
from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.errors import Conflict, Forbidden, NotFound
from padu.core.models import Agency, Membership
from padu.core.selectors import agency_get_for
from padu.core.services import personal_data_access_record
from padu.core.tracking import normalise_tracking_number
from padu.services.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Audience,
    ServiceVersion,
    VersionStatus,
)
from padu.services.permissions import counter_membership, serves_audience
from padu.services.selectors import application_for_staff
from padu.services.services import application_apply

HANDED_OVER = "handed_over"
READY_LIST_LIMIT = 20


def counter_desk(actor: Actor, agency_id: int) -> tuple[Agency, Membership]:
    """The agency and the actor's front-desk membership there; 403 for anyone else."""
    agency = agency_get_for(actor, agency_id)
    membership = counter_membership(actor, agency.pk)
    if membership is None:
        raise Forbidden(_("The counter is for the office's front-desk officers."), code="counter_officer_only")
    return agency, membership


def counter_services(agency: Agency) -> list[ServiceVersion]:
    """The agency's published services for citizens, which the counter can apply for."""
    versions = (
        ServiceVersion.objects.filter(service__agency=agency, status=VersionStatus.PUBLISHED)
        .select_related("service")
        .order_by("name")
    )
    return [v for v in versions if serves_audience(v, Audience.CITIZEN)]


def counter_service(agency: Agency, version_id: int) -> ServiceVersion:
    version = next((v for v in counter_services(agency) if v.pk == version_id), None)
    if version is None:
        raise NotFound(_("This service is not offered (or no longer)."), code="service_not_found")
    return version


def counter_applications_of(agency: Agency, user_id: int) -> list[Application]:
    """The person's applications at the agency (any channel), newest first, with whether each
    letter was handed over."""
    rows = (
        Application.objects.filter(agency=agency, applicant_id=user_id)
        .select_related("service_version", "document")
        .annotate(handed=Exists(ApplicationEvent.objects.filter(application=OuterRef("pk"), action=HANDED_OVER)))
        .order_by("-created_at", "-pk")
    )
    return list(rows[:50])


def counter_ready(agency: Agency) -> list[Application]:
    """Completed cases of the agency whose letter waits at the counter (issued, not revoked,
    not yet handed over), oldest first."""
    rows = (
        Application.objects.filter(
            agency=agency,
            status=ApplicationStatus.COMPLETED,
            document__isnull=False,
            document__revoked_at__isnull=True,
        )
        .exclude(Exists(ApplicationEvent.objects.filter(application=OuterRef("pk"), action=HANDED_OVER)))
        .select_related("service_version", "applicant", "document")
        .order_by("completed_at", "pk")
    )
    return list(rows[:READY_LIST_LIMIT])


def counter_application(actor: Actor, agency_id: int, application_id: int) -> Application:
    """A case of the agency, for its front desk (a receipt, a hand-over)."""
    agency, _membership = counter_desk(actor, agency_id)
    application = application_for_staff(actor, application_id)
    if application.agency_id != agency.pk:
        raise NotFound(_("Application not found."), code="application_not_found")
    return application


def counter_find_number(actor: Actor, agency_id: int, number: str) -> Application:
    """A case of the agency by the tracking number on the person's receipt."""
    agency, _membership = counter_desk(actor, agency_id)
    normal = normalise_tracking_number(number)
    if normal is None:
        raise NotFound(_("Check the tracking number: it has a typing error."), code="tracking_number_invalid")
    application = Application.objects.filter(tracking_number=normal, agency=agency).first()
    if application is None:
        raise NotFound(_("No application of this office has this tracking number."), code="application_not_found")
    return application


def counter_receipt_record(actor: Actor, application: Application) -> None:
    """A printed receipt shows the applicant's name: logged for them (UU PDP)."""
    personal_data_access_record(
        actor=actor,
        subject_id=application.applicant_id,
        agency=application.agency,
        purpose=_("Printing the receipt of application %(number)s") % {"number": application.tracking_number},
        fields=["name"],
    )


def counter_fee_bill(application: Application) -> Bill | None:
    return bill_for_application(application.tracking_number) if application.fee_amount > 0 else None


def handed_over_event(application: Application) -> ApplicationEvent | None:
    return (
        ApplicationEvent.objects.filter(application=application, action=HANDED_OVER)
        .select_related("actor")
        .order_by("created_at", "pk")
        .first()
    )


def counter_apply(
    *,
    actor: Actor,
    version: ServiceVersion,
    applicant: Any,
    answers: dict[str, Any],
    uploads: Iterable[tuple[str, Any]] = (),
    submit: bool = False,
) -> Application:
    """The form filled in for the walk-in applicant, submitted or kept as a draft: all or
    nothing (`application_apply`). Only a front-desk officer of the agency, for a person they
    found (or registered) at the counter (`application_start` checks both)."""
    return application_apply(
        actor=actor, version=version, answers=answers, uploads=uploads, submit=submit, applicant=applicant
    )


@transaction.atomic
def application_hand_over(*, actor: Actor, application: Application, received_by: str) -> ApplicationEvent:
    """The signed letter of a completed case is handed over at the counter (printed, to the
    applicant or someone they sent). Once per case; only once the fee is paid; audited."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("agency", "document", "service_version")
        .get(pk=application.pk)
    )
    if counter_membership(actor, application.agency_id) is None:
        raise Forbidden(_("The counter is for the office's front-desk officers."), code="counter_officer_only")
    received_by = " ".join(received_by.split())
    if not received_by:
        message = _("Write the name of the person who takes the letter.")
        raise Conflict(message, code="received_by_required", errors={"received_by": [message]})
    if application.status != ApplicationStatus.COMPLETED or application.document is None:
        raise Conflict(_("This application has no signed letter to hand over yet."), code="letter_not_ready")
    if application.document.revoked_at is not None:
        raise Conflict(_("This letter has been revoked: do not hand it over."), code="letter_revoked")
    bill = counter_fee_bill(application)
    if application.fee_amount > 0 and (bill is None or bill.status != BillStatus.PAID):
        extra = {"billing_code": bill.code} if bill is not None else {}
        raise Conflict(
            _("The service fee is not paid yet: the letter is handed over once it is paid."),
            code="fee_unpaid",
            extra=extra,
        )
    if ApplicationEvent.objects.filter(application=application, action=HANDED_OVER).exists():
        raise Conflict(_("This letter has already been handed over."), code="already_handed_over")
    note = _("Received by %(name)s") % {"name": received_by[:150]}
    event = ApplicationEvent.objects.create(
        application=application,
        agency=application.agency,
        actor_id=actor.user_id,
        action=HANDED_OVER,
        from_status=application.status,
        to_status=application.status,
        step=application.step,
        note=note,
    )
    audit_record(
        actor=actor,
        verb=f"application.{HANDED_OVER}",
        agency=application.agency,
        obj=application,
        changes={"document": application.document.number, "received_by": received_by[:150]},
    )
    return event
