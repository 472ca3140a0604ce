"""Domain errors. The API maps them to problem JSON with a stable `code`; pages show
the message in the user's language."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class PaduError(Exception):
    status = 400
    code = "error"
    default_message: str | Promise = _("The request could not be completed.")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        code: str | None = None,
        errors: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.errors = errors or {}
        self.extra = extra or {}
        super().__init__(str(self.message))


class InvalidInput(PaduError):
    status = 400
    code = "invalid_input"
    default_message = _("Some of the data is not valid.")


class Unauthenticated(PaduError):
    status = 401
    code = "unauthenticated"
    default_message = _("Please log in first.")


class Forbidden(PaduError):
    status = 403
    code = "forbidden"
    default_message = _("You are not allowed to do this.")


class NotFound(PaduError):
    status = 404
    code = "not_found"
    default_message = _("Not found.")


class Conflict(PaduError):
    status = 409
    code = "conflict"
    default_message = _("This conflicts with the current state.")
