"""Domain errors of people's data."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from padu.core.errors import PaduError


class TooManyLookups(PaduError):
    status = 429
    code = "lookup_rate_limited"
    default_message = _("You have looked up many citizens in a short time. Wait a few minutes, then try again.")


class TooManyClaimAttempts(PaduError):
    status = 429
    code = "claim_rate_limited"
    default_message = _("The claim code was wrong too many times. Wait an hour, or ask the office for help.")
