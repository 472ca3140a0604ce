"""The one public API: /api/v1/. Every error is problem JSON with a stable `code`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from padu.accounts.api import router as accounts_router
from padu.billing.api import router as billing_router
from padu.billing.reports_api import router as billing_reports_router
from padu.complaints.api import router as complaints_router
from padu.core.api import router as core_router
from padu.core.errors import PaduError
from padu.documents.api import router as documents_router
from padu.information.ppid_api import router as ppid_router
from padu.information.publications_api import router as publications_router
from padu.notify.api import router as notify_router
from padu.services.api import router as services_router

api = NinjaAPI(
    title="Padu API",
    version="1",
    description=(
        "Public and staff API of Padu. Authenticate with the browser session (and CSRF token) "
        "or an agency API token (`Authorization: Bearer …`). Errors are RFC 9457 problem "
        "details with a stable `code`; messages follow `Accept-Language` (id, en)."
    ),
    urls_namespace="api-v1",
)


def problem(
    request: HttpRequest, status: int, code: str, detail: str, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "type": "about:blank",
            "title": detail,
            "status": status,
            "code": code,
            "detail": detail,
            "errors": errors or {},
        },
        status=status,
    )
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(PaduError)
def on_padu_error(request: HttpRequest, exc: PaduError) -> HttpResponse:
    return problem(
        request, exc.status, exc.code, str(exc.message), {k: [str(m) for m in v] for k, v in exc.errors.items()}
    )


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "path")]
        errors.setdefault(".".join(loc) or "_", []).append(str(err.get("msg", "")))
    return problem(request, 422, "invalid_input", _("Some of the data is not valid."), errors)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(request, 401, "unauthenticated", _("Please log in or send a valid API token."))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(request, 404, "not_found", _("Not found."))


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(request, 413, "payload_too_large", _("The request is too large."))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        return problem(request, 400, "malformed_request", _("The request body could not be read; send valid JSON."))
    codes = {403: "forbidden", 405: "method_not_allowed", 413: "payload_too_large"}
    return problem(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


def _add_routers(target: Any) -> None:
    target.add_router("/", core_router)
    target.add_router("/", accounts_router)
    target.add_router("/", documents_router)
    target.add_router("/", services_router)
    target.add_router("/", notify_router)
    target.add_router("/", ppid_router)
    target.add_router("/", publications_router)
    target.add_router("/", complaints_router)
    target.add_router("/", billing_router)
    target.add_router("/", billing_reports_router)


_add_routers(api)
