"""Work done after an application completes, in the worker: the apps that listen for a
completed application (the population register proposes its life event) are told, by hook.

The task takes the application's id and reads it again; each listener is idempotent (the
register makes one proposal per application and kind), so a retried task changes nothing.
A failure fails the task (its result keeps the traceback) and enqueues the next attempt,
later where the backend can defer, up to MAX_ATTEMPTS.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import TaskContext, task, task_backends

from padu.accounts.models import CitizenProfile
from padu.core.manifest import hook_calls
from padu.services.models import Application, ApplicationStatus

MAX_ATTEMPTS = 3
RETRY_DELAY = dt.timedelta(seconds=60)
# The answer naming the person the event is about (the deceased); a birth names nobody in the
# register yet; any other event is about the applicant.
SUBJECT_NIK = {"death": "nik_almarhum"}
SUBJECT_NAME = {"birth": "nama_bayi", "death": "nama_almarhum"}


def completed_payload(application: Application) -> dict[str, Any] | None:
    """What the hook is told of a completed application of a service with a register event:
    the agency, the event, the tracking number, a short summary and the answers (never the
    uploaded files). None when the case is not (or no longer) completed with an event."""
    version = application.service_version
    kind = version.register_event
    if not kind or application.status != ApplicationStatus.COMPLETED:
        return None
    files = {f.get("name") for f in version.form.get("fields", []) if f.get("type") == "file"}
    answers = {k: v for k, v in (application.answers or {}).items() if k not in files}
    profile = CitizenProfile.objects.filter(user_id=application.applicant_id).first()
    applicant_nik = profile.nik if profile is not None else ""
    applicant_name = profile.name if profile is not None else str(application.applicant)
    if kind == "birth":
        nik = ""
    elif kind in SUBJECT_NIK:
        nik = str(answers.get(SUBJECT_NIK[kind]) or "")
    else:
        nik = applicant_nik
    who = str(answers.get(SUBJECT_NAME.get(kind, ""), "") or applicant_name)
    return {
        "agency_id": application.agency_id,
        "kind": kind,
        "reference": application.tracking_number,
        "summary": f"{version.name}: {who} ({application.tracking_number})",
        "details": {**answers, "pemohon_nama": applicant_name, "pemohon_nik": applicant_nik},
        "nik": nik or None,
    }


def application_completed_run(application_id: int) -> int:
    """Tell every listener; returns how many were told (0 when there is nothing to tell)."""
    application = Application.objects.select_related("service_version", "applicant").filter(pk=application_id).first()
    payload = completed_payload(application) if application is not None else None
    if payload is None:
        return 0
    calls = hook_calls("application_completed")
    for call in calls:
        call(**payload)
    return len(calls)


@task(takes_context=True)
def application_completed_handle(context: TaskContext, application_id: int, attempt: int = 1) -> int:
    try:
        return application_completed_run(application_id)
    except Exception:
        if attempt < MAX_ATTEMPTS:
            alias = context.task_result.backend
            retry = application_completed_handle.using(backend=alias)
            if task_backends[alias].supports_defer:
                retry = retry.using(run_after=timezone.now() + RETRY_DELAY * attempt)
            retry.enqueue(application_id, attempt + 1)
        raise


def application_completed_enqueue(application_id: int) -> None:
    """Called once the completion has committed; nothing is queued when no app listens."""
    if hook_calls("application_completed"):
        application_completed_handle.enqueue(application_id)
