"""E-billing: bills and receipts, the payer's bills, the treasurer's console and reports."""

from django.utils.translation import gettext_lazy as _

from padu.billing.demo import seed
from padu.billing.permissions import can_read_bills
from padu.billing.reports import can_read_revenue
from padu.billing.selectors import bills_export
from padu.core.manifest import HomeTask, Link, Manifest, MenuEntry

MANIFEST = Manifest(
    label="billing",
    public_urls="padu.billing.web.urls",
    console_urls="padu.billing.web.console_urls",
    api=("padu.billing.api.router", "padu.billing.reports_api.router"),
    menu=(
        MenuEntry("billing", "portal:console_bills", _("Bills"), can_read_bills, order=60),
        MenuEntry("billing_reports", "portal:console_revenue", _("Revenue"), can_read_revenue, order=70),
    ),
    export={"bills": bills_export},
    demo=seed,
    demo_after=("accounts",),
    isolation="padu.billing.tests.isolation",
    home_tasks=(
        HomeTask(
            "portal:bill_lookup",
            _("Pay a bill"),
            _("Fees and levies, by bank transfer, QRIS or at the counter."),
            order=30,
            field="code",
            field_label=_("Billing code"),
        ),
    ),
    account_links=(Link("portal:my_bills", _("My bills and receipts"), order=20),),
)
