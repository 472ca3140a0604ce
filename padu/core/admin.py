"""Django admin for superusers. Writes that carry rules go through the services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from padu.core.actors import actor_from_request
from padu.core.models import (
    Agency,
    AgencyHoliday,
    ApiToken,
    AuditEvent,
    Membership,
    NumberPattern,
    PersonalDataAccess,
    Region,
)
from padu.core.services import agency_create, agency_update, personal_data_access_record


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PersonalDataAdmin(admin.ModelAdmin):
    """An admin whose pages show people's personal data (UU PDP): every change page opened,
    and with `personal_data_in_list` every row of a list page, is logged in the access log of
    the person shown, naming the viewer."""

    # The attribute of a row that holds the id of the user whose data it shows.
    personal_data_subject: str
    personal_data_in_list = False

    def personal_data_subjects(self, obj: Any) -> Iterable[int | None]:
        return [getattr(obj, self.personal_data_subject)]

    def personal_data_agency(self, obj: Any) -> Agency | None:
        return getattr(obj, "agency", None)

    def _log_personal_data(self, request: HttpRequest, objects: Iterable[Any], fields: list[str]) -> None:
        actor = actor_from_request(request)
        purpose = _("Viewed in the platform administration")
        for obj in objects:
            for subject_id in self.personal_data_subjects(obj):
                if subject_id is not None:
                    personal_data_access_record(
                        actor=actor,
                        subject_id=subject_id,
                        agency=self.personal_data_agency(obj),
                        purpose=purpose,
                        fields=fields,
                    )

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = (getattr(response, "context_data", None) or {}).get("original")
        if response.status_code == 200 and shown is not None:
            fields = list(flatten_fieldsets(self.get_fieldsets(request, shown)))
            self._log_personal_data(request, [shown], fields)
        return response

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if self.personal_data_in_list and response.status_code == 200 and changelist is not None:
            fields = [str(f) for f in changelist.list_display if f != "action_checkbox"]
            self._log_personal_data(request, changelist.result_list, fields)
        return response


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "type", "postal_code"]
    list_filter = ["level"]
    search_fields = ["code", "search_name"]
    show_full_result_count = False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "parent", "time_zone", "is_active"]
    list_filter = ["kind", "level", "time_zone"]
    search_fields = ["name", "slug", "region__code"]
    raw_id_fields = ["region", "parent"]
    readonly_fields = ["level", "tree_path"]
    inlines = [MembershipInline]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # an office's website is served over HTTPS
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Kind, region and parent fix the agency's place in the tree; they are set once.
        return self.readonly_fields + (["kind", "region", "parent", "slug"] if obj else [])

    def save_model(self, request: HttpRequest, obj: Agency, form: Any, change: bool) -> None:
        actor = actor_from_request(request)
        if change:
            fields = {f: form.cleaned_data[f] for f in form.changed_data if f in agency_update_fields}
            agency_update(actor=actor, agency=Agency.objects.get(pk=obj.pk), **fields)
            return
        created = agency_create(
            actor=actor,
            name=obj.name,
            kind=obj.kind,
            region_code=obj.region_id,
            parent=obj.parent,
            slug=obj.slug or None,
            code=obj.code,
            time_zone=obj.time_zone or None,
            address=obj.address,
            phone=obj.phone,
            email=obj.email,
            website=obj.website,
        )
        obj.pk = created.pk


agency_update_fields = {"name", "code", "address", "phone", "email", "website", "time_zone", "settings"}


@admin.register(AgencyHoliday)
class AgencyHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "agency"]
    list_filter = ["agency"]


@admin.register(NumberPattern)
class NumberPatternAdmin(admin.ModelAdmin):
    list_display = ["agency", "kind", "pattern", "reset"]
    list_filter = ["agency"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "prefix", "agency", "scopes", "created_at", "expires_at", "revoked_at"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["chain", "seq", "created_at", "actor_label", "verb", "object_type", "object_id"]
    list_filter = ["verb"]
    search_fields = ["object_id", "actor_label"]
    show_full_result_count = False


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "viewer", "token", "subject", "agency", "purpose"]
