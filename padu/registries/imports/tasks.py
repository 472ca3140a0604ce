"""The import's analysis runs in the worker, after the upload commits."""

from __future__ import annotations

from django_tasks import task

from padu.registries.imports.diff import import_analyse


@task()
def analyse_import(batch_id: int) -> None:
    """Idempotent: a batch already read (or discarded) is left as it is."""
    import_analyse(batch_id)
