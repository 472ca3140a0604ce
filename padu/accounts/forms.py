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


class CitizenProfileForm(forms.Form):
    """Parses the citizen's identity data; the service validates NIK, dates and region."""

    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        help_text=_("The 16-digit number on your KTP or family card."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )
    claim_code = forms.CharField(
        label=_("Claim code (only if an office registered you at its counter)"),
        max_length=20,
        required=False,
        help_text=_(
            "Printed on your counter receipt, e.g. K7MQ-3XRA. With it, what the office registered for you "
            "comes to this account."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    kk_number = forms.CharField(
        label=_("Family card number (No. KK)"),
        max_length=24,
        required=False,
        help_text=_("Optional. 16 digits, on your family card (Kartu Keluarga)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As written on your KTP."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_place = forms.CharField(label=_("Place of birth"), max_length=100)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        help_text=_("For example 17/08/1990."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    street = forms.CharField(
        label=_("Street address, RT/RW"),
        max_length=250,
        help_text=_("For example Jl. Merdeka No. 5, RT 002/RW 003."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )


class BusinessProfileForm(forms.Form):
    name = forms.CharField(label=_("Business name"), max_length=200)
    legal_form = forms.CharField(
        label=_("Legal form"), max_length=50, required=False, help_text=_("Optional. PT, CV, UD, koperasi…")
    )
    nib = forms.CharField(
        label=_("NIB"),
        max_length=20,
        help_text=_("The 13-digit business identification number from OSS."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    npwp = forms.CharField(
        label=_("NPWP"),
        max_length=24,
        help_text=_("The business's tax number, 15 or 16 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    street = forms.CharField(label=_("Street address"), max_length=250)
