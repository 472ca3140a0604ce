from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from padu.accounts.models import BusinessProfile, CitizenProfile, User
from padu.core.admin import PersonalDataAdmin

# People sign in to the admin through the site's own login, which asks for the second factor
# (the admin's bare password form would not).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]


@admin.register(User)
class UserAdmin(PersonalDataAdmin, BaseUserAdmin):
    personal_data_subject = "pk"
    personal_data_in_list = True
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
class CitizenProfileAdmin(PersonalDataAdmin):
    """Identity data is changed only by the citizen; the admin sees the NIK masked."""

    personal_data_subject = "user_id"
    personal_data_in_list = True
    list_display = ["name", "nik_masked", "region", "updated_at"]
    fields = (
        "user",
        "name",
        "nik_masked",
        "birth_place",
        "birth_date",
        "birth_date_check",
        "gender",
        "region",
        "street",
        "registered_at_agency",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BusinessProfile)
class BusinessProfileAdmin(PersonalDataAdmin):
    list_display = ["name", "nib", "npwp", "legal_form", "region"]
    search_fields = ["name", "nib"]
    raw_id_fields = ["region"]

    def personal_data_subjects(self, obj: BusinessProfile) -> Iterable[int]:
        return list(obj.members.values_list("pk", flat=True))
