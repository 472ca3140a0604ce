from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from padu.core.admin import PersonalDataAdmin, ReadOnlyAdmin
from padu.services.models import Application, ServiceVersion


@admin.register(ServiceVersion)
class ServiceVersionAdmin(admin.ModelAdmin):
    """Versions change through the services (publishing rules, audit), not the admin."""

    list_display = ["name", "service", "number", "status", "completion_days", "fee_kind"]
    list_filter = ["status", "category"]
    search_fields = ["name", "service__slug"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    personal_data_subject = "applicant_id"  # the answers hold the applicant's NIK, address, ...
    list_display = ["tracking_number", "agency", "service_version", "status", "step", "due_at"]
    list_filter = ["status", "channel"]
    search_fields = ["tracking_number"]
