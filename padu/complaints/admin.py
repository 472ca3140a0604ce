from django.contrib import admin

from padu.complaints.models import Complaint
from padu.core.admin import ReadOnlyAdmin


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    """Read-only: complaints change through the services (state machine, audit). The
    complainant (account or contact details) is left out so that anonymous ones stay anonymous here too."""

    list_display = ["tracking_number", "handling_agency", "kind", "category", "visibility", "status", "due_at"]
    list_filter = ["status", "anonymous", "confidential", "channel", "kind", "category"]
    search_fields = ["tracking_number"]
    exclude = ["complainant", "contact_name", "contact_phone", "contact_email", "contact_address"]
