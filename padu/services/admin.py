from django.contrib import admin

from padu.services.models import Application, ServiceVersion


@admin.register(ServiceVersion)
class ServiceVersionAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "number", "status", "completion_days", "fee_kind"]
    list_filter = ["status", "category"]
    search_fields = ["name", "service__slug"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Versions change through the services (publishing rules, audit), not the admin.
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["tracking_number", "agency", "service_version", "status", "step", "due_at"]
    list_filter = ["status", "channel"]
    search_fields = ["tracking_number"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
