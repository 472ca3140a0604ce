"""Read-only admin: money moves only through the services (audited), never by editing rows."""

from django.contrib import admin

from padu.billing.models import Bill, BillLine, ChannelRequest, Payment, PaymentChannel, Receipt, RefundRequest
from padu.core.admin import PersonalDataAdmin, ReadOnlyAdmin


class BillLineInline(admin.TabularInline[BillLine, Bill]):
    model = BillLine
    extra = 0
    can_delete = False
    readonly_fields = ["position", "account_code", "description", "amount"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Bill)
class BillAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    personal_data_subject = "payer_user_id"  # a walk-in payer has no account to log for
    personal_data_in_list = True
    list_display = ["code", "agency", "payer_name", "source_kind", "total", "status", "issued_at", "expires_at"]
    list_filter = ["status", "source_kind", "payer_kind"]
    search_fields = ["code", "payer_name", "source_reference"]
    date_hierarchy = "issued_at"
    inlines = [BillLineInline]


@admin.register(PaymentChannel)
class PaymentChannelAdmin(ReadOnlyAdmin):
    list_display = ["name", "agency", "kind", "client_id", "secret_hint", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "client_id"]
    exclude = ["secret_encrypted"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["bill", "channel", "channel_reference", "amount", "paid_at", "reversed_at"]
    list_filter = ["channel"]
    search_fields = ["channel_reference", "bill__code"]
    date_hierarchy = "paid_at"


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ["number", "bill", "agency", "issued_at", "voided_at"]
    search_fields = ["number", "bill__code"]


@admin.register(RefundRequest)
class RefundRequestAdmin(ReadOnlyAdmin):
    list_display = ["bill", "amount", "status", "requested_by", "requested_at", "decided_by", "decided_at"]
    list_filter = ["status"]


@admin.register(ChannelRequest)
class ChannelRequestAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "client_id", "billing_code", "reference", "status_code", "error_code"]
    list_filter = ["kind", "status_code", "error_code"]
    search_fields = ["client_id", "billing_code", "reference"]
    date_hierarchy = "created_at"
