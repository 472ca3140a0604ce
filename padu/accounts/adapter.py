"""django-allauth adapter: phone numbers live on our User, normalised to +62…."""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.db import transaction
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from lokal import normalize_phone

from padu.accounts.models import User
from padu.accounts.tasks import send_account_email
from padu.core.models import Membership

log = logging.getLogger(__name__)

# Where staff land after logging in: their work, not the citizen's account page.
STAFF_LANDING = "portal:console_inbox"


def phone_normalise(phone: str) -> str | None:
    """`0812-3456-7890`, `+62 812 3456 7890` → `+6281234567890`; None when not a phone number."""
    return normalize_phone(phone) or None


class IndonesianPhoneField(forms.CharField):
    """Accepts the forms people write (0812…, 62812…, +62 812-…) and cleans to +62…."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Mobile phone"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        normal = phone_normalise(value)
        if not normal:
            raise forms.ValidationError(_("Enter an Indonesian phone number, e.g. 0812 3456 7890."))
        return normal


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The identity django-axes counts failures against: the email or normalised phone."""
    data = credentials or {}
    value = data.get("email") or data.get("phone") or data.get("login") or data.get("username")
    if not value and request is not None:
        value = request.POST.get("login", "")
    value = str(value or "").strip()
    if "@" in value:
        return value.lower()
    return phone_normalise(value) or value


class AccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs: Any) -> Any:
        return IndonesianPhoneField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        normal = phone_normalise(phone)
        if not normal:
            raise forms.ValidationError(_("Enter an Indonesian phone number, e.g. 0812 3456 7890."))
        return normal

    def set_phone(self, user: Any, phone: str, verified: bool) -> None:
        user.phone = phone_normalise(phone) or phone
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user: Any) -> tuple[str, bool] | None:
        return (user.phone, user.phone_verified) if user.phone else None

    def set_phone_verified(self, user: Any, phone: str) -> None:
        user.phone_verified = True
        user.save(update_fields=["phone_verified"])

    def get_user_by_phone(self, phone: str) -> User | None:
        normal = phone_normalise(phone)
        return User.objects.filter(phone=normal).first() if normal else None

    def send_verification_code_sms(self, user: Any, phone: str, code: str, **kwargs: Any) -> None:
        # SMS delivery arrives with the notify app's gateway; until then the code is logged
        # for the operator, and phone verification stays off by default.
        log.info("SMS verification code for %s: %s", phone, code)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render now (the request's language and links), send from the worker after commit."""
        msg = self.render_mail(template_prefix, email, context)
        payload = {
            "subject": str(msg.subject),
            "body": str(msg.body),
            "from_email": msg.from_email,
            "to": list(msg.to),
            "alternatives": [[str(c), str(m)] for c, m in getattr(msg, "alternatives", [])],
        }
        if getattr(msg, "content_subtype", "plain") == "html":
            payload["alternatives"].append([payload["body"], "text/html"])
        transaction.on_commit(lambda: send_account_email.enqueue(payload))

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff land in the console's inbox, everyone else on their account page (allauth
        follows a `?next=` before asking)."""
        user_id = getattr(request.user, "pk", None)
        if (
            user_id is not None
            and Membership.objects.filter(user_id=user_id, is_active=True, agency__is_active=True).exists()
        ):
            try:
                return reverse(STAFF_LANDING)
            except NoReverseMatch:  # no app brings an inbox: the console's overview
                return reverse("portal:console")
        return str(super().get_login_redirect_url(request))

    def save_user(self, request: Any, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data.get("full_name", "").strip()
        user.language = getattr(request, "LANGUAGE_CODE", "id")[:5]
        if commit:
            user.save()
        return user
