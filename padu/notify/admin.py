"""Admin: the delivery log read-only; template overrides editable (validated by the model)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from padu.notify.models import Message, NotificationTemplate


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "template_key", "address", "agency", "status", "attempts"]
    list_filter = ["channel", "status", "language"]
    search_fields = ["reference", "address", "template_key", "provider_message_id"]
    list_select_related = ["agency"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "language", "channel", "agency", "updated_at"]
    list_filter = ["language", "channel"]
    search_fields = ["key", "subject", "body"]
    autocomplete_fields = ["agency"]
