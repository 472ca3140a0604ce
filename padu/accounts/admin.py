from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from padu.accounts.models import BusinessProfile, CitizenProfile, User
from padu.core.actors import actor_from_request
from padu.core.services import personal_data_access_record


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "phone", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "phone", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "phone", "password")}),
        (_("Person"), {"fields": ("full_name", "language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    filter_horizontal = ("groups", "user_permissions")


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    """Identity data is changed only by the citizen; the admin sees the NIK masked."""

    list_display = ["name", "nik_masked", "region", "updated_at"]
    fields = ("user", "name", "nik_masked", "birth_place", "birth_date", "gender", "region", "street")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        profile = CitizenProfile.objects.filter(pk=object_id).first()
        if profile is not None and response.status_code == 200:
            personal_data_access_record(
                actor=actor_from_request(request),
                subject_id=profile.user_id,
                agency=None,
                purpose=str(_("Viewed in the platform administration")),
                fields=list(self.fields),
            )
        return response


@admin.register(BusinessProfile)
class BusinessProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "nib", "npwp", "legal_form", "region"]
    search_fields = ["name", "nib"]
    raw_id_fields = ["region"]
