"""Forms for people: signup (email, phone, name), citizen and business profiles."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, help_text=_("As written on your KTP."), required=True
    )

    field_order = ["full_name", "email", "phone", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "phone" in self.fields:
            self.fields["phone"].help_text = _("Optional. You can log in with it too, e.g. 0812 3456 7890.")
