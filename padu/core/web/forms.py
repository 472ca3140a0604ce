"""Putting a domain error on a page's form: the one mapping from `PaduError` to form errors."""

from __future__ import annotations

from django import forms

from padu.core.errors import PaduError
from padu.core.web.regionpicker import Picker


def apply_error(form: forms.Form, picker: Picker | None, error: PaduError) -> None:
    """Put a domain error's per-field messages on the form (and the picker for the region)."""
    placed = False
    for name, msgs in error.errors.items():
        for msg in msgs:
            if name in form.fields:
                form.add_error(name, msg)
                placed = True
            elif name in ("region", "region_code") and picker is not None:
                picker.error = str(msg)
                placed = True
    if not placed:
        form.add_error(None, str(error.message))
