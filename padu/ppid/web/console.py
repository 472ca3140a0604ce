"""Staff console pages for public information (PPID): the inbox with due dates, the request
page (extend, decide, add files, answer an objection), the daftar informasi publik editor
and the annual report. Domain errors map as in padu.core.web.console: Forbidden → 403,
NotFound → 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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
    Exemption,
    InfoCategory,
    InfoFormat,
    InfoRequest,
    ObjectionGround,
    ObjectionOutcome,
    PublicInformation,
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
    ppid_inbox,
    report_agencies,
    report_agency,
    request_files,
    request_for_staff,
    request_history,
    request_objection,
    staff_public_information,
    staff_public_information_item,
    staff_request_file,
)
from padu.ppid.services import (
    is_overdue,
    objection_answer,
    public_information_save,
    request_decide,
    request_extend,
    request_file_add,
)
from padu.ppid.uploads import limits_hint
from padu.ppid.web.forms import (
    AnswerObjectionForm,
    DecideForm,
    ExtendForm,
    InboxForm,
    PublicInformationForm,
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
            else:
                raise Http404
        except InvalidInput as exc:
            target = forms_.get(action)
            if target is not None and not target.is_bound:
                target = None
            if target is not None:
                apply_error(target, None, exc)
            if "files" in exc.errors or target is None:
                files_error = str((exc.errors.get("files") or [str(exc.message)])[0])
        except PaduError as exc:
            if isinstance(exc, Forbidden | NotFound):
                raise
            messages.error(request, str(exc.message))
            return redirect("portal:console_ppid_case", info.pk)
        info.refresh_from_db()
    context = _case_context(actor, info)
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
