from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from padu.core.admin import ReadOnlyAdmin
from padu.documents.models import IssuedDocument, LetterTemplate


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    """Read-only: documents are issued and revoked through the services, never edited."""

    list_display = ["number", "title", "agency", "signer_name", "signed_at", "revoked_at"]
    list_filter = ["kind", "revoked_at"]
    search_fields = ["number", "title", "verification_code", "sha256"]
    date_hierarchy = "signed_at"


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    list_display = ["name", "kind", "agency", "version", "is_active", "created_at"]
    list_filter = ["kind", "is_active"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
