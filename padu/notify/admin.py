"""Admin: the delivery log read-only; template overrides editable (validated by the model)."""

from __future__ import annotations

from django.contrib import admin

from padu.core.admin import PersonalDataAdmin, ReadOnlyAdmin
from padu.notify.models import Message, NotificationTemplate


@admin.register(Message)
class MessageAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    personal_data_subject = "recipient_id"  # the address is their email or phone number
    personal_data_in_list = True
    list_display = ["created_at", "channel", "template_key", "address", "agency", "status", "attempts"]
    list_filter = ["channel", "status", "language"]
    search_fields = ["reference", "address", "template_key", "provider_message_id"]
    list_select_related = ["agency"]
    show_full_result_count = False


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(admin.ModelAdmin):
    list_display = ["key", "language", "channel", "agency", "updated_at"]
    list_filter = ["language", "channel"]
    search_fields = ["key", "subject", "body"]
    autocomplete_fields = ["agency"]
