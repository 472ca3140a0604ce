"""Django admin for PPID data: read-only. Every change goes through the services (console,
API), which keep the deadlines, the history and the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from padu.core.admin import PersonalDataAdmin
from padu.ppid.models import InfoObjection, InfoRequest, PublicInformation


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(InfoRequest)
class InfoRequestAdmin(PersonalDataAdmin, _ReadOnly):
    personal_data_subject = "requester_id"  # name, address, phone and email of the requester
    list_display = ("number", "agency", "status", "channel", "received_at", "due_at", "decided_at")
    list_filter = ("status", "decision", "channel")
    search_fields = ("number",)
    exclude = ("requester_nik_encrypted",)


@admin.register(InfoObjection)
class InfoObjectionAdmin(_ReadOnly):
    list_display = ("number", "agency", "status", "channel", "received_at", "due_at", "outcome")
    list_filter = ("status", "outcome")
    search_fields = ("number",)


@admin.register(PublicInformation)
class PublicInformationAdmin(_ReadOnly):
    list_display = ("title", "agency", "category", "is_published", "updated_at")
    list_filter = ("category", "is_published")
    search_fields = ("title",)
