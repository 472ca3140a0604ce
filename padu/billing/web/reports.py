"""Staff console pages for the treasurer's reconciliation (upload a channel's settlement
statement, see what matched and what differs, resolve each difference) and the revenue
report (filters, daily chart with its table, CSV and XLSX downloads).

Domain errors map as in padu.core.web.console: Forbidden → 403, NotFound → 404."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from padu.billing.reconciliation import (
    MAX_PERIOD_DAYS,
    statement_line_resolve,
    statement_upload,
)
from padu.billing.reconciliation_selectors import (
    DETAILS,
    allowed_actions,
    line_for,
    reconciliation_agency,
    reconciliation_channels,
    statement_for,
    statement_view,
    statements_for,
)
from padu.billing.reports import (
    ReportQuery,
    can_see_beneath,
    counting_rule,
    default_query,
    report_agencies,
    report_channels,
    report_csv,
    report_xlsx,
    revenue_chart_svg,
    revenue_report,
)
from padu.billing.web.forms import ReportForm, ResolveForm, UploadForm
from padu.core.actors import Actor
from padu.core.errors import Forbidden, PaduError
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error

STATEMENT_PAGE = 50


# --- Reconciliation ----------------------------------------------------------------------


def _channel_choices(actor: Actor, agency_id: int) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in reconciliation_channels(actor, agency_id)]


@console_view
def reconciliation(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = reconciliation_agency(actor, agency_id)
    channels = _channel_choices(actor, agency_id)
    form = UploadForm(channels=channels)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, channels=channels)
        if form.is_valid():
            channel = reconciliation_channels(actor, agency_id).get(pk=form.cleaned_data["channel"])
            try:
                statement = statement_upload(
                    actor=actor,
                    agency=agency,
                    channel=channel,
                    upload=form.cleaned_data["file"],
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                    statement_date=form.cleaned_data["statement_date"],
                )
            except Forbidden:
                raise
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                messages.success(
                    request,
                    _("The statement has been matched: %(matched)s lines match, %(problems)s differ.")
                    % {"matched": statement.matched_count, "problems": statement.problem_count},
                )
                return redirect("portal:console_settlement", statement.pk)
    statements = list(statements_for(actor, agency_id)[:STATEMENT_PAGE])
    return render(
        request,
        "billing/reports/reconciliation.html",
        console_context(
            request,
            actor,
            agency,
            section="billing_reports",
            form=form,
            statements=statements,
            has_channels=bool(channels),
            max_days=MAX_PERIOD_DAYS,
            tz=agency.time_zone,
        ),
    )


@console_view
@require_GET
def statement(request: HttpRequest, actor: Actor, agency_id: int, statement_id: int) -> HttpResponse:
    view = statement_view(actor, statement_id)
    agency = agency_get_for(actor, agency_id)
    problems = [*view.missing_in_padu, *view.missing_in_statement, *view.mismatched]
    return render(
        request,
        "billing/reports/statement.html",
        console_context(
            request,
            actor,
            agency,
            section="billing_reports",
            view=view,
            statement=view.statement,
            problems=problems,
            details=DETAILS,
            tz=view.statement.agency.time_zone,
        ),
    )


@console_view
@require_GET
def statement_file(request: HttpRequest, actor: Actor, agency_id: int, statement_id: int) -> HttpResponse:
    found = statement_for(actor, statement_id)
    response = FileResponse(
        found.file.open("rb"), content_type="text/csv", as_attachment=True, filename=found.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return cast(HttpResponse, response)  # console_view passes any response through


@console_view
def statement_line(request: HttpRequest, actor: Actor, agency_id: int, statement_id: int, line_id: int) -> HttpResponse:
    line = line_for(actor, line_id)
    if line.statement_id != statement_id:
        raise Http404
    actions = allowed_actions(line)
    form = ResolveForm(actions=actions) if actions else None
    if request.method == "POST":
        if not actions:
            messages.error(request, _("This line has nothing left to resolve."))
            return redirect("portal:console_settlement", statement_id)
        form = ResolveForm(request.POST, request.FILES, actions=actions)
        if form.is_valid():
            try:
                statement_line_resolve(
                    actor=actor,
                    line=line,
                    action=form.cleaned_data["action"],
                    note=form.cleaned_data["note"],
                    proof=form.cleaned_data.get("proof"),
                )
            except Forbidden:
                raise
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                messages.success(request, _("The difference has been resolved and recorded in the audit trail."))
                return redirect("portal:console_settlement", statement_id)
    agency = agency_get_for(actor, agency_id)
    return render(
        request,
        "billing/reports/line.html",
        console_context(
            request,
            actor,
            agency,
            section="billing_reports",
            line=line,
            statement=line.statement,
            form=form,
            detail=DETAILS.get(line.detail, ""),
            tz=line.statement.agency.time_zone,
        ),
    )


@console_view
@require_GET
def statement_line_proof(
    request: HttpRequest, actor: Actor, agency_id: int, statement_id: int, line_id: int
) -> HttpResponse:
    line = line_for(actor, line_id)
    if line.statement_id != statement_id or not line.proof:
        raise Http404
    name = (line.proof.name or "").rsplit(".", 1)[-1]
    types = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}
    response = FileResponse(
        line.proof.open("rb"),
        content_type=types.get(name, "application/octet-stream"),
        as_attachment=True,
        filename=line.proof_name or f"proof.{name}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return cast(HttpResponse, response)  # console_view passes any response through


# --- Revenue report ----------------------------------------------------------------------


def _report_form(request: HttpRequest, actor: Actor, agency_id: int) -> tuple[Any, ReportForm, ReportQuery | None]:
    """The filter form and the query it gives; a query of defaults when nothing was asked."""
    agency = agency_get_for(actor, agency_id)
    beneath_allowed = can_see_beneath(actor, agency)
    wants_beneath = beneath_allowed and request.GET.get("beneath") in ("on", "1", "true")
    _agency, agencies = report_agencies(actor, agency_id, beneath=wants_beneath)
    channels = [
        (c.pk, c.name if len(agencies) == 1 else f"{c.name} ({c.agency.name})") for c in report_channels(agencies)
    ]
    default = default_query(agency)
    if not request.GET:
        form = ReportForm(
            initial={"date_from": default.date_from, "date_to": default.date_to, "group": "day"},
            channels=channels,
            beneath=beneath_allowed,
        )
        return agency, form, default
    form = ReportForm(request.GET, channels=channels, beneath=beneath_allowed)
    if not form.is_valid():
        return agency, form, None
    data = form.cleaned_data
    return (
        agency,
        form,
        ReportQuery(
            date_from=data["date_from"],
            date_to=data["date_to"],
            group=data["group"] or "day",
            beneath=bool(data.get("beneath")),
            account_code=data["account_code"].strip(),
            channel_id=data["channel"],
        ),
    )


@console_view
@require_GET
def revenue(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency, form, query = _report_form(request, actor, agency_id)
    report = None
    if query is not None:
        try:
            report = revenue_report(actor, agency_id, query)
        except Forbidden:
            raise
        except PaduError as exc:
            apply_error(form, None, exc)
    download = ""
    if report is not None:
        params = {
            "date_from": query.date_from.isoformat() if query else "",
            "date_to": query.date_to.isoformat() if query else "",
            "group": report.query.group,
            "account_code": report.query.account_code,
            "channel": report.query.channel_id or "",
        }
        if report.query.beneath:
            params["beneath"] = "on"
        download = urlencode(params)
    return render(
        request,
        "billing/reports/revenue.html",
        console_context(
            request,
            actor,
            agency,
            section="billing_reports",
            form=form,
            report=report,
            chart=revenue_chart_svg(report) if report is not None else "",
            counting_rule=counting_rule(),
            download=download,
            tz=agency.time_zone,
            today=dt.datetime.now(ZoneInfo(agency.time_zone)).date(),
        ),
    )


@console_view
@require_GET
def revenue_download(request: HttpRequest, actor: Actor, agency_id: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    agency, form, query = _report_form(request, actor, agency_id)
    if query is None:
        messages.error(request, _("Check the report's filters."))
        return redirect(f"{reverse('portal:console_revenue')}?{request.GET.urlencode()}")
    try:
        report = revenue_report(actor, agency_id, query)
    except Forbidden:
        raise
    except PaduError as exc:
        messages.error(request, str(exc.message))
        return redirect("portal:console_revenue")
    name = f"pendapatan-{slugify(agency.slug)}-{query.date_from:%Y%m%d}-{query.date_to:%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            report_xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
