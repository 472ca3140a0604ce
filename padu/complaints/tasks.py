"""The sweep as a task, for installations that schedule work through the task queue
rather than cron. Idempotent: running it twice escalates and closes nothing twice."""

from __future__ import annotations

from django_tasks import task

from padu.complaints.services import complaints_sweep


@task()
def sweep_complaints() -> dict[str, int]:
    result = complaints_sweep()
    return {"escalated": result.escalated, "closed": result.closed}
