"""Where applications meet their fee bills: the fee section of the applicant's page and the
applicant's request for a new bill once the old one expired unpaid."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from padu.billing.models import BillStatus
from padu.billing.selectors import bill_for_application, is_payable
from padu.billing.web.pages import bill_view_context
from padu.core.actors import actor_from_request
from padu.core.errors import PaduError
from padu.services.selectors import application_for_applicant
from padu.services.services import application_fee_bill


def fee_bill_context(tracking_number: str) -> dict[str, Any]:
    """For the applicant's page: the application's fee bill and whether it holds the document back."""
    bill = bill_for_application(tracking_number)
    if bill is None:
        return {"fee_bill": None, "fee_bill_blocks_document": False}
    context = bill_view_context(bill, payer_name=bill.payer_name)
    return {
        "fee_bill": bill,
        "fee": context,
        "fee_bill_blocks_document": bill.status != BillStatus.PAID,
    }


@login_required
@require_POST
def my_application_fee_renew(request: HttpRequest, application_id: int) -> HttpResponse:
    """A new fee bill for an application whose bill expired unpaid."""
    actor = actor_from_request(request)
    application = application_for_applicant(actor, application_id)
    current = bill_for_application(application.tracking_number)
    if application.fee_amount <= 0 or application.status in ("draft", "withdrawn", "rejected"):
        raise Http404
    if current is not None and current.status == BillStatus.PAID:
        messages.info(request, _("The fee has already been paid."))
    elif current is not None and is_payable(current):
        messages.info(request, _("Your bill is still valid."))
    else:
        try:
            application_fee_bill(actor=actor, application=application)
        except PaduError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("A new bill has been issued. Pay it before the date shown."))
    return redirect("portal:my_application", application_id=application.pk)
