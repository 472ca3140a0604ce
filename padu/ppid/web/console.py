"""Staff console pages for public information (PPID): the inbox with due dates, the request
page (extend, decide, add files, answer an objection), the daftar informasi publik editor
and the annual report. Domain errors map as in padu.core.web.console: Forbidden → 403,
NotFound → 404."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from padu.core.actors import Actor, actor_from_request
from padu.core.errors import Forbidden, InvalidInput, NotFound, PaduError
from padu.core.selectors import agency_get_for
from padu.core.uploads import download_response
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error
from padu.ppid.models import (
    ContactChannel,
    DeliveryMethod,
    Exemption,
    InfoCategory,
    InfoFormat,
    InfoRequest,
    ObjectionGround,
    ObjectionOutcome,
    ObtainMethod,
    PublicInformation,
    RequesterKind,
)
from padu.ppid.permissions import (
    can_handle_ppid,
    can_manage_public_information,
    can_read_ppid_report,
    is_information_officer,
    is_ppid_superior,
)
from padu.ppid.report import annual_report, report_xlsx, summary_rows
from padu.ppid.selectors import (
    contact_hints,
    contact_tasks,
    ppid_inbox,
    report_agencies,
    report_agency,
    request_files,
    request_for_staff,
    request_history,
    request_objection,
    staff_contact_task,
    staff_public_information,
    staff_public_information_item,
    staff_request_file,
)
from padu.ppid.services import (
    ANSWER_DAYS,
    contact_task_done,
    is_overdue,
    may_object,
    objection_answer,
    objection_record,
    public_information_save,
    request_decide,
    request_extend,
    request_file_add,
    request_file_hand_over,
    request_record,
)
from padu.ppid.uploads import limits_hint
from padu.ppid.web.forms import (
    AnswerObjectionForm,
    ContactDoneForm,
    DecideForm,
    ExtendForm,
    HandOverForm,
    InboxForm,
    PublicInformationForm,
    RecordForm,
    RecordObjectionForm,
    ReportForm,
)
from padu.ppid.workflow import find_transition

INBOX_LIMIT = 200


# ---- inbox and request page ----


@console_view
def inbox(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    if not can_handle_ppid(actor, agency_id):
        if can_read_ppid_report(actor, agency):
            return redirect("portal:console_ppid_report")  # a supervisor sees the numbers only
        raise Forbidden(_("Only the information officer (PPID) and the agency administrator see requests."))
    form = InboxForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    show = data.get("show") or "open"
    rows = list(ppid_inbox(actor, agency_id, show=show, search=data.get("q", ""))[:INBOX_LIMIT])
    now = timezone.now()
    return render(
        request,
        "ppid/console/inbox.html",
        console_context(
            request,
            actor,
            agency,
            section="ppid",
            form=form,
            rows=rows,
            show=show,
            now=now,
            tz=agency.time_zone,
            overdue=sum(1 for r in rows if is_overdue(r, now)),
            can_record=is_information_officer(actor, agency_id),
        ),
    )


def _case_context(actor: Actor, info: InfoRequest) -> dict[str, Any]:
    officer = is_information_officer(actor, info.agency_id)
    superior = is_ppid_superior(actor, info.agency_id)
    objection = request_objection(info)
    upheld = objection is not None and objection.outcome == ObjectionOutcome.UPHELD
    return {
        "info": info,
        "files": request_files(info),
        "history": request_history(info),
        "objection": objection,
        "contacts": contact_tasks(info),
        "can_hand_over": officer,
        "can_contact": officer or superior,
        # An objection that came by letter or at the desk (judged again by the service).
        "can_record_objection": officer and may_object(info),
        "can_extend": officer and find_transition("extend", info.status) is not None,
        "can_decide": officer and find_transition("decide", info.status) is not None,
        "can_add_files": officer and (info.status in ("granted", "partly_granted") or upheld),
        "can_answer": superior and find_transition("answer_objection", info.status) is not None,
        "already_extended": info.extended_at is not None,
        "tz": info.agency.time_zone,
        "now": timezone.now(),
        "overdue": is_overdue(info),
        "limits": limits_hint(),
        "grounds_choices": ObjectionGround.choices,
    }


@console_view
def case(request: HttpRequest, actor: Actor, agency_id: int, request_id: int) -> HttpResponse:
    info = request_for_staff(actor, request_id, record_access=request.method == "GET")
    agency = agency_get_for(actor, agency_id)
    forms_: dict[str, forms.Form] = {
        "extend": ExtendForm(prefix="extend"),
        "decide": DecideForm(prefix="decide", initial={"fee_amount": 0}),
        "answer": AnswerObjectionForm(prefix="answer"),
        "objection": RecordObjectionForm(prefix="objection", initial=_received_initial(agency)),
        "handover": HandOverForm(prefix="handover"),
        "contacted": ContactDoneForm(prefix="contacted"),
    }
    files_error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        uploads = request.FILES.getlist("files")
        try:
            if action == "extend":
                form: forms.Form = ExtendForm(request.POST, prefix="extend")
                forms_["extend"] = form
                if form.is_valid():
                    request_extend(actor=actor, request=info, reason=form.cleaned_data["reason"])
                    messages.success(request, _("The deadline has been extended by 7 working days."))
                    return redirect("portal:console_ppid_case", info.pk)
            elif action == "decide":
                form = forms_["decide"] = DecideForm(request.POST, prefix="decide")
                if form.is_valid():
                    data = form.cleaned_data
                    request_decide(
                        actor=actor,
                        request=info,
                        decision=data["decision"],
                        note=data["note"],
                        withheld_part=data["withheld_part"],
                        exemption=data["exemption"],
                        consequence_test=data["consequence_test"],
                        held_by=data["held_by"],
                        fee_amount=data["fee_amount"] or 0,
                        files=uploads,
                    )
                    messages.success(request, _("The decision has been sent to the requester."))
                    return redirect("portal:console_ppid_case", info.pk)
            elif action == "answer":
                form = forms_["answer"] = AnswerObjectionForm(request.POST, prefix="answer")
                if form.is_valid():
                    objection_answer(
                        actor=actor,
                        request=info,
                        outcome=form.cleaned_data["outcome"],
                        answer=form.cleaned_data["answer"],
                        files=uploads,
                    )
                    messages.success(request, _("The answer to the objection has been sent."))
                    return redirect("portal:console_ppid_case", info.pk)
            elif action == "files":
                request_file_add(actor=actor, request=info, files=uploads)
                messages.success(request, _("The files have been added for the requester."))
                return redirect("portal:console_ppid_case", info.pk)
            elif action == "objection":
                form = forms_["objection"] = RecordObjectionForm(request.POST, prefix="objection")
                if form.is_valid():
                    data = form.cleaned_data
                    objection = objection_record(
                        actor=actor,
                        request=info,
                        channel=data["channel"],
                        received_at=received_moment(agency, data),
                        grounds=data["grounds"],
                        reasons=data["reasons"],
                        note=data["note"],
                    )
                    messages.success(
                        request,
                        _("The objection has been recorded with number %(number)s.") % {"number": objection.number},
                    )
                    return redirect("portal:console_ppid_case", info.pk)
            elif action == "handover":
                form = forms_["handover"] = HandOverForm(request.POST, prefix="handover")
                if form.is_valid():
                    stored = staff_request_file(actor, form.cleaned_data["file"])
                    if stored.request_id != info.pk:
                        raise NotFound(code="ppid_file_not_found")
                    request_file_hand_over(actor=actor, stored=stored, handed_to=form.cleaned_data["handed_to"])
                    messages.success(request, _("The handover has been recorded."))
                    return redirect("portal:console_ppid_case", info.pk)
            elif action == "contacted":
                form = forms_["contacted"] = ContactDoneForm(request.POST, prefix="contacted")
                if form.is_valid():
                    task = staff_contact_task(actor, info, form.cleaned_data["task"])
                    contact_task_done(actor=actor, task=task, note=form.cleaned_data["note"])
                    messages.success(request, _("Marked as done."))
                    return redirect("portal:console_ppid_case", info.pk)
            else:
                raise Http404
        except InvalidInput as exc:
            target = forms_.get(action)
            if target is not None and not target.is_bound:
                target = None
            if target is not None:
                apply_error(target, None, on_date_field(exc))
            if "files" in exc.errors or target is None:
                files_error = str((exc.errors.get("files") or [str(exc.message)])[0])
        except PaduError as exc:
            if isinstance(exc, Forbidden | NotFound):
                raise
            messages.error(request, str(exc.message))
            return redirect("portal:console_ppid_case", info.pk)
        info.refresh_from_db()
    context = _case_context(actor, info)
    handover_error = forms_["handover"].errors.get("handed_to") if forms_["handover"].is_bound else None
    response = render(
        request,
        "ppid/console/case.html",
        console_context(
            request,
            actor,
            agency,
            section="ppid",
            extend_form=forms_["extend"],
            decide_form=forms_["decide"],
            answer_form=forms_["answer"],
            objection_form=forms_["objection"],
            handover_error=handover_error,
            handover_file=forms_["handover"].data.get("handover-file", "") if forms_["handover"].is_bound else "",
            contact_hints=contact_hints(info),
            files_error=files_error,
            posted_action=request.POST.get("action", "") if request.method == "POST" else "",
            **context,
        ),
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_file(request: HttpRequest, file_id: int) -> FileResponse:
    stored = staff_request_file(actor_from_request(request), file_id)
    return download_response(stored.file, stored.content_type, stored.original_name)


# ---- requests received off-line ----


def _received_initial(agency: Any) -> dict[str, Any]:
    """Today and the time now in the office, as the form's starting values."""
    local = timezone.now().astimezone(ZoneInfo(agency.time_zone))
    return {"received_date": local.date(), "received_time": local.time().replace(second=0, microsecond=0)}


def on_date_field(exc: InvalidInput) -> InvalidInput:
    """The service's `received_at` problem, on the form's date field."""
    if "received_at" not in exc.errors:
        return exc
    errors = dict(exc.errors)
    errors["received_date"] = errors.pop("received_at")
    return InvalidInput(exc.message, code=exc.code, errors=errors)


def received_moment(agency: Any, data: dict[str, Any]) -> dt.datetime | None:
    """The date and (optional) time received, in the office's time zone. Without a time: now
    for today, else the end of that day (so a letter of the day of a decision is not taken as
    earlier than the decision)."""
    day = data.get("received_date")
    if day is None:
        return None
    zone = ZoneInfo(agency.time_zone)
    at = data.get("received_time")
    if at is None:
        now = timezone.now().astimezone(zone)
        if day == now.date():
            return now
        at = dt.time(23, 59)
    return dt.datetime.combine(day, at, tzinfo=zone)


@console_view
def record(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    """Record a request that reached the office by letter, email, WhatsApp, telephone or in
    person; then print the receipt (tanda bukti) for the requester."""
    agency = agency_get_for(actor, agency_id)
    if not is_information_officer(actor, agency_id):
        raise Forbidden(_("Only the information officer (PPID) may record requests."), code="ppid_role_required")
    if request.method == "POST":
        form = RecordForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            received_at = received_moment(agency, data)
            for name in ("received_date", "received_time"):
                data.pop(name)
            try:
                info = request_record(actor=actor, agency=agency, received_at=received_at, **data)
            except InvalidInput as exc:
                apply_error(form, None, on_date_field(exc))
            else:
                messages.success(
                    request, _("The request has been recorded with number %(number)s.") % {"number": info.number}
                )
                return redirect("portal:console_ppid_receipt", info.pk)
    else:
        form = RecordForm(
            initial={
                **_received_initial(agency),
                "channel": "in_person",
                "requester_kind": RequesterKind.PERSON,
                "contact_channel": ContactChannel.WHATSAPP,
                "obtain_method": ObtainMethod.HARD_COPY,
                "delivery_method": DeliveryMethod.PICK_UP,
            }
        )
    response = render(
        request,
        "ppid/console/record.html",
        console_context(request, actor, agency, section="ppid_record", form=form, answer_days=ANSWER_DAYS),
    )
    response["Cache-Control"] = "no-store"
    return response


def _qr_svg(url: str) -> str:
    """An address as an inline SVG QR code (no script, no image request)."""
    return str(segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#1b1f24"))


@console_view
def receipt(request: HttpRequest, actor: Actor, agency_id: int, request_id: int) -> HttpResponse:
    """The receipt of a request (tanda bukti penerimaan permohonan, Perki 1/2021), to print and
    hand to the requester: number, date received, the request, how the information will be
    given, the deadline."""
    info = request_for_staff(actor, request_id)
    agency = agency_get_for(actor, agency_id)
    register = request.build_absolute_uri(reverse("portal:ppid_agency", args=[info.agency.slug]))
    response = render(
        request,
        "ppid/console/receipt.html",
        console_context(
            request,
            actor,
            agency,
            section="ppid",
            info=info,
            tz=info.agency.time_zone,
            answer_days=ANSWER_DAYS,
            register_url=register,
            register_qr=_qr_svg(f"{register}?nomor={quote(info.number, safe='')}"),
        ),
    )
    response["Cache-Control"] = "no-store"
    return response


# ---- daftar informasi publik ----


@console_view
def public_information_list(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    items = list(staff_public_information(actor, agency_id))
    return render(
        request,
        "ppid/console/dip_list.html",
        console_context(request, actor, agency, section="ppid", items=items),
    )


def _item_form_initial(item: PublicInformation | None) -> dict[str, Any]:
    if item is None:
        return {"category": InfoCategory.PERIODIC, "format": InfoFormat.SOFT, "is_published": True}
    return {name: getattr(item, name) for name in PublicInformationForm.base_fields if hasattr(item, name)}


def _item_edit(request: HttpRequest, actor: Actor, agency_id: int, item: PublicInformation | None) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    if not can_manage_public_information(actor, agency_id):
        raise Forbidden()
    if request.method == "POST":
        form = PublicInformationForm(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            document = data.pop("document")
            remove = data.pop("remove_document")
            try:
                saved = public_information_save(
                    actor=actor, agency=agency, item=item, document=document, remove_document=remove, **data
                )
            except InvalidInput as exc:
                apply_error(form, None, exc)
            else:
                messages.success(request, _("“%(title)s” has been saved.") % {"title": saved.title})
                return redirect("portal:console_ppid_dip")
    else:
        form = PublicInformationForm(initial=_item_form_initial(item))
    return render(
        request,
        "ppid/console/dip_form.html",
        console_context(request, actor, agency, section="ppid", form=form, item=item, limits=limits_hint()),
    )


@console_view
def public_information_new(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    return _item_edit(request, actor, agency_id, None)


@console_view
def public_information_edit(request: HttpRequest, actor: Actor, agency_id: int, item_id: int) -> HttpResponse:
    return _item_edit(request, actor, agency_id, staff_public_information_item(actor, agency_id, item_id))


@console_view
def public_information_file(request: HttpRequest, actor: Actor, agency_id: int, item_id: int) -> Any:
    item = staff_public_information_item(actor, agency_id, item_id)
    if not item.document:
        raise Http404
    return download_response(item.document, item.document_type, item.document_name)


# ---- annual report ----


def _set_choices(form: ReportForm, agencies: list[Any]) -> None:
    field = form.fields["agency"]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
    field.choices = [(a.pk, a.name) for a in agencies]


def _report_choice(request: HttpRequest, actor: Actor, agency_id: int) -> tuple[Any, ReportForm, Any, int]:
    """The agency and year asked for; an agency the reader may not see is "not found"."""
    base = agency_get_for(actor, agency_id)
    choices = report_agencies(actor, base)
    raw_agency = request.GET.get("agency", "").strip()
    if raw_agency and not raw_agency.isdigit():
        raise NotFound(code="agency_not_found")
    chosen = report_agency(actor, int(raw_agency) if raw_agency else base.pk, base)
    raw_year = request.GET.get("year", "").strip()
    year = int(raw_year) if raw_year.isdigit() and 2008 <= int(raw_year) <= 2100 else timezone.now().year
    form = ReportForm(initial={"agency": chosen.pk, "year": year})
    _set_choices(form, choices)
    return base, form, chosen, year


@console_view
def report(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    base, form, chosen, year = _report_choice(request, actor, agency_id)
    data = annual_report(chosen, year)
    return render(
        request,
        "ppid/console/report.html",
        console_context(
            request,
            actor,
            base,
            section="ppid",
            form=form,
            report=data,
            rows=summary_rows(data),
            exemption_rows=[(Exemption(code).label, n) for code, n in data.by_exemption.items()],
            chosen=chosen,
            year=year,
            tz=chosen.time_zone,
        ),
    )


@console_view
def report_download(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    _base, _form, chosen, year = _report_choice(request, actor, agency_id)
    content = report_xlsx(annual_report(chosen, year))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"laporan-ppid-{slugify(chosen.slug)}-{year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
