"""The one public API: /api/v1/. Every error is problem JSON with a stable `code`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from padu.accounts.api import router as accounts_router
from padu.accounts.permissions import needs_mfa_setup
from padu.core.actors import actor_from_request
from padu.core.api import router as core_router
from padu.core.errors import Forbidden, PaduError
from padu.core.manifest import manifests
from padu.core.schemas import Problem
from padu.documents.api import router as documents_router

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_REF = "#/components/schemas/Problem"
# The answers of the API-wide handlers below, which run around every operation, so no router
# declares them: 422 wherever there is input, 400 and 413 wherever there is a body, 401 and
# 403 wherever a caller must authenticate.
SHARED_PROBLEMS = {
    400: "The body could not be read (`malformed_request`), or the input was refused (see `code`).",
    401: "Not logged in, and no valid API token (`unauthenticated`).",
    403: "Not allowed: `forbidden`, or a more precise `code` such as `csrf_failed`, `mfa_required` or "
    "`token_scope_missing`.",
    413: "The request is too large (`payload_too_large`).",
    422: "A parameter or a field of the body is not valid (`invalid_input`, with `errors` per field).",
}


def declare_problems(schema: dict[str, Any]) -> None:
    """Make the document say what the API answers: every problem under its own media type,
    and on every operation the problems the API-wide handlers give."""
    schema.setdefault("components", {}).setdefault("schemas", {}).setdefault("Problem", Problem.model_json_schema())
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            # One entry per status: an operation's `openapi_extra` names its status as a string
            # beside ninja's integer, which would be two "200" keys in the JSON.
            responses: dict[str, dict[str, Any]] = {}
            for status, response in operation["responses"].items():
                responses[str(status)] = {**responses.get(str(status), {}), **response}
            shared: set[int] = set()
            if operation.get("parameters") or "requestBody" in operation:
                shared.add(422)
            if "requestBody" in operation:
                shared |= {400, 413}
            if operation.get("security"):
                shared |= {401, 403}
            for status in shared:
                responses.setdefault(str(status), {"description": SHARED_PROBLEMS[status]})
            for status, response in responses.items():
                content = response.get("content", {})
                is_problem = any(media.get("schema", {}).get("$ref") == PROBLEM_REF for media in content.values())
                if is_problem or (status.isdigit() and int(status) >= 400 and not content):
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": PROBLEM_REF}}}
            operation["responses"] = dict(sorted(responses.items()))


# Operation ids are made of the view's module and name. Modules that moved keep the ids they
# were published with, so clients generated from the OpenAPI document keep working.
MOVED_MODULES = {
    "padu.ppid.api": "padu.information.ppid_api",
    "padu.publications.api": "padu.information.publications_api",
}


class PaduAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        return (MOVED_MODULES.get(module, module) + "_" + operation.view_func.__name__).replace(".", "_")

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        declare_problems(schema)
        return schema


api = PaduAPI(
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


@api.exception_handler(MultiPartParserError)
def on_unreadable_form(request: HttpRequest, exc: Exception) -> HttpResponse:
    # e.g. `Content-Type: multipart/form-data` without a boundary, or a body cut short.
    return problem(
        request, 400, "malformed_request", _("The form data could not be read; send it as multipart/form-data.")
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        return problem(request, 400, "malformed_request", _("The request body could not be read; send valid JSON."))
    codes = {403: "forbidden", 405: "method_not_allowed", 413: "payload_too_large"}
    return problem(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def require_second_factor(operation: Callable[..., Any]) -> Callable[..., Any]:
    """A person who must log in with two factors (see `needs_mfa_setup`) changes nothing
    through the API until they have set it up. Runs after authentication, so it judges the
    principal that won (`request.auth`): a token is another system and never needs it; a
    session is the person, whatever headers the request also carries."""

    @functools.wraps(operation)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if (
            request.method not in SAFE_METHODS
            and getattr(request, "auth", None) is not None
            and needs_mfa_setup(actor_from_request(request))
        ):
            raise Forbidden(_("Your role needs two-step login. Set it up in your account first."), code="mfa_required")
        return operation(request, *args, **kwargs)

    return checked


api.add_decorator(require_second_factor)


def _add_routers(target: Any) -> None:
    """The kernel's routers, then every app's from its manifest (`Manifest.api`)."""
    for router in (core_router, accounts_router, documents_router):
        target.add_router("/", router)
    for manifest in manifests():
        for path in manifest.api:
            target.add_router("/", import_string(path))


_add_routers(api)
