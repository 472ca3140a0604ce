"""Forms of the staff console. They only parse input; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from padu.core.roles import API_SCOPES


class AgencySwitchForm(forms.Form):
    agency = forms.IntegerField(label=_("Agency"))


class HolidayForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    name = forms.CharField(label=_("Name of the holiday"), max_length=150, help_text=_("For example Hari Jadi Desa."))


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("Which system will use it, e.g. Dukcapil bridge.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"),
        choices=[(k, v) for k, v in sorted(API_SCOPES.items())],
        widget=forms.CheckboxSelectMultiple,
    )
    expires_at = forms.DateField(
        label=_("Expiry date"),
        required=False,
        help_text=_("Optional. Leave empty for a token that does not expire."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class CitizenLookupForm(forms.Form):
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        help_text=_("16 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=200,
        help_text=_("Why you look up this person, e.g. the service you provide. The citizen will see it."),
    )
