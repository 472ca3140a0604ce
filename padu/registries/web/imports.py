"""Console pages of the register's imports: upload (with the accepted formats and the Padu
template to download), the list of uploads, and one upload's diff (a progress bar while it is
read; then new / changed field by field / missing / invalid rows, the apply form with its
confirmation tick, and discard). Keepers of the register only.

Thin: parse, call a service or selector, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core.actors import Actor
from padu.core.errors import PaduError
from padu.core.identifiers import mask_identifier
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error
from padu.registries.imports import batch_of, batch_rows, batches_of, import_apply, import_discard, import_upload
from padu.registries.imports.diff import load
from padu.registries.imports.formats import MAX_BYTES
from padu.registries.imports.samples import template_example_csv, template_example_xlsx
from padu.registries.imports.template import COLUMNS, EXAMPLE, REQUIRED
from padu.registries.imports.words import CHOICES
from padu.registries.models import ImportStatus, Resident, RowOutcome
from padu.registries.services import resident_access_record

PAGE_SIZE = 100
TABS = (RowOutcome.NEW, RowOutcome.CHANGED, RowOutcome.INVALID, RowOutcome.MISSING, RowOutcome.SAME)
ACCESS_PURPOSE = gettext_lazy("Checking a population import before applying it")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Population file"),
        help_text=gettext_lazy(
            "A SIAK export, Buku Induk Penduduk sheets (2016 layout) or the Padu template; .xlsx or .csv, "
            "at most 20 MB."
        ),
    )


class ApplyForm(forms.Form):
    without_invalid = forms.BooleanField(required=False, label="")


def _label(name: str) -> str:
    if name == "kk_number":
        return _("No. KK")
    if name == "area":
        return _("Area (dusun / RW / RT)")
    if name in ("nik", "father_nik", "mother_nik"):
        return {"nik": "NIK", "father_nik": _("Father's NIK"), "mother_nik": _("Mother's NIK")}[name]
    field = next((f for f in Resident._meta.fields if f.name == name), None)
    return str(field.verbose_name).capitalize() if field is not None else name


def _shown(name: str, value: Any) -> str:
    """A value as the page shows it: a code's label, a date, an identifier masked."""
    if value in (None, ""):
        return "–"
    if name in ("nik", "father_nik", "mother_nik", "kk_number"):
        return mask_identifier(str(value))
    if name in CHOICES:
        try:
            return str(CHOICES[name](value).label)
        except ValueError:
            return str(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return str(value)


def _row(row: Any) -> dict[str, Any]:
    data = load(row.data_sealed) if row.data_sealed else {}
    values = data.get("values", {})
    changes = load(row.changes_sealed) if row.changes_sealed else {}
    nik = values.get("nik") or ""
    return {
        "row": row,
        "name": row.name or values.get("name", ""),
        "nik": mask_identifier(str(nik)) if nik else (row.resident.nik_masked if row.resident else "–"),
        "changes": [(_label(k), _shown(k, old), _shown(k, new)) for k, (old, new) in changes.items()],
        "warnings": data.get("warnings", []),
        "fields": sorted(changes),
    }


@console_view
def imports_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    batches = batches_of(actor, agency)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_BYTES:
                    raise PaduError(_("The file is larger than 20 MB. Split it into several files."))
                batch = import_upload(actor=actor, agency=agency, name=upload.name, content=upload.read())
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                return redirect("portal:console_registry_import", batch_id=batch.pk)
    response = render(
        request,
        "registries/console/imports.html",
        console_context(
            request,
            actor,
            agency,
            section="registry_imports",
            form=form,
            batches=batches[:50],
            columns=COLUMNS,
            required=REQUIRED,
            example=EXAMPLE,
        ),
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@console_view
def import_page(request: HttpRequest, actor: Actor, agency_id: int, batch_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    batch = batch_of(actor, agency, batch_id)
    form = ApplyForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        form = ApplyForm(request.POST)
        try:
            if action == "discard":
                import_discard(actor=actor, agency=agency, batch=batch)
                messages.success(request, _("The import was discarded; nothing was written."))
                return redirect("portal:console_registry_imports")
            if action == "apply" and form.is_valid():
                import_apply(
                    actor=actor, agency=agency, batch=batch, without_invalid=form.cleaned_data["without_invalid"]
                )
                messages.success(request, _("The import was applied to the register."))
                return redirect("portal:console_registry_import", batch_id=batch.pk)
        except PaduError as exc:
            apply_error(form, None, exc)
            status = 409 if exc.status == 409 else 400
        batch.refresh_from_db()
    outcome = request.GET.get("hasil", "")
    if outcome not in RowOutcome.values:
        counts = batch.counts or {}
        outcome = next((str(t) for t in TABS if counts.get(str(t))), str(RowOutcome.NEW))
    page = None
    rows: list[dict[str, Any]] = []
    if batch.status in (ImportStatus.READY, ImportStatus.APPLIED):
        page = Paginator(batch_rows(batch, outcome), PAGE_SIZE).get_page(request.GET.get("halaman"))
        rows = [_row(r) for r in page.object_list]
        shown = [r["row"].resident for r in rows if r["row"].resident is not None]
        if shown:
            fields = sorted({f for r in rows for f in r["fields"]} | {"name", "nik"})
            resident_access_record(
                actor=actor, agency=agency, residents=shown, purpose=str(ACCESS_PURPOSE), fields=fields
            )
    counts = batch.counts or {}
    tabs = [(str(t), t.label, counts.get(str(t), 0)) for t in TABS]
    response = render(
        request,
        "registries/console/import.html",
        console_context(
            request,
            actor,
            agency,
            section="registry_imports",
            batch=batch,
            form=form,
            tabs=tabs,
            outcome=outcome,
            page=page,
            rows=rows,
            counts=counts,
            invalid=counts.get(str(RowOutcome.INVALID), 0),
            analysing=batch.status == ImportStatus.ANALYSING,
            ready=batch.status == ImportStatus.READY,
        ),
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@console_view
def template_csv(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency_get_for(actor, agency_id)
    response = HttpResponse(template_example_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="templat-penduduk-padu.csv"'
    return response


@console_view
def template_xlsx(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency_get_for(actor, agency_id)
    response = HttpResponse(
        template_example_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="templat-penduduk-padu.xlsx"'
    return response


console_urlpatterns: list[URLPattern] = [
    path("penduduk/impor/", imports_page, name="console_registry_imports"),
    path("penduduk/impor/templat.csv", template_csv, name="console_registry_import_template_csv"),
    path("penduduk/impor/templat.xlsx", template_xlsx, name="console_registry_import_template_xlsx"),
    path("penduduk/impor/<int:batch_id>/", import_page, name="console_registry_import"),
]
public_urlpatterns: list[URLPattern] = []
