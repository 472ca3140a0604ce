"""Tenant isolation of the register's imports: another village's officers, the front desk,
supervisors and API tokens never see or act on a village's uploaded population files, their
diff (people's items) or their apply."""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import (
    Call,
    ListCase,
    TokenRoute,
    agency_api,
    api,
    console_list,
    page,
    people_only,
)

PUBLIC: dict[str, str] = {
    "konsol/penduduk/impor/templat.csv": "the empty Padu import template: column names and one made-up example row,"
    " no one's data",
    "konsol/penduduk/impor/templat.xlsx": "the empty Padu import template: column names and one made-up example row,"
    " no one's data",
}
SELF: dict[str, str] = {}

_APPLY_CONTROL = (
    "the owner's apply is tested in padu/registries/tests/test_imports_web.py: other parts of the world write"
    " agency A's register after its batch is read, so a fixed batch is (rightly) stale"
)


def _upload_form() -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from padu.registries.imports.samples import people, siak_csv

    return {"file": SimpleUploadedFile("siak.csv", siak_csv(people(1, start=300)), content_type="text/csv")}


def _batch(w: Any) -> str:
    return f"/konsol/penduduk/impor/{w.import_batch_a.pk}/"


def _api(w: Any, suffix: str = "") -> str:
    return f"/api/v1/agencies/{w.agency_a.pk}/registry/imports{suffix}"


def _api_batch(w: Any, suffix: str = "") -> str:
    return _api(w, f"/{w.import_batch_a.pk}{suffix}")


CASES: dict[str, list[Call]] = {
    "konsol/penduduk/impor/": [
        page("GET", "/konsol/penduduk/impor/"),
        page("GET", "/konsol/penduduk/impor/", "front_desk_a"),
        page("GET", "/konsol/penduduk/impor/", "supervisor_b"),
        page("POST", "/konsol/penduduk/impor/", "front_desk_a", form=_upload_form, owner_expect=frozenset({302})),
        page("POST", "/konsol/penduduk/impor/", "admin_b", form=_upload_form, owner_expect=frozenset({302})),
    ],
    "konsol/penduduk/impor/<int:batch_id>/": [
        Call("GET", _batch, "admin_b", console_agency="agency_b"),
        Call("GET", _batch, "admin_b", console_agency="agency_a"),
        Call("GET", _batch, "front_desk_a", console_agency="agency_a"),
        Call(
            "POST",
            _batch,
            "admin_b",
            form={"action": "discard"},
            console_agency="agency_b",
            owner_expect=frozenset({302}),
        ),
        Call(
            "POST",
            _batch,
            "front_desk_a",
            form={"action": "discard"},
            console_agency="agency_a",
            owner_expect=frozenset({302}),
        ),
        Call(
            "POST",
            _batch,
            "admin_b",
            form={"action": "apply", "without_invalid": "on"},
            console_agency="agency_b",
            owner=None,
            no_control=_APPLY_CONTROL,
        ),
    ],
    "api/v1/agencies/<agency_id>/registry/imports": [
        api("GET", _api),
        api("GET", _api, "front_desk_a"),
        api("GET", _api, "supervisor_b"),
        api("GET", _api, "token_b"),
        api("POST", _api, form=_upload_form, owner_expect=frozenset({201})),
        api("POST", _api, "front_desk_a", form=_upload_form, owner_expect=frozenset({201})),
    ],
    "api/v1/agencies/<agency_id>/registry/imports/<batch_id>": [
        api("GET", _api_batch),
        api("GET", _api_batch, "front_desk_a"),
        api("GET", _api_batch, "token_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_b.pk}/registry/imports/{w.import_batch_a.pk}"),
    ],
    "api/v1/agencies/<agency_id>/registry/imports/<batch_id>/rows": [
        api("GET", lambda w: _api_batch(w, "/rows")),
        api("GET", lambda w: _api_batch(w, "/rows"), "front_desk_a"),
        api("GET", lambda w: _api_batch(w, "/rows"), "token_b"),
        api("GET", lambda w: f"/api/v1/agencies/{w.agency_b.pk}/registry/imports/{w.import_batch_a.pk}/rows"),
    ],
    "api/v1/agencies/<agency_id>/registry/imports/<batch_id>/apply": [
        api(
            "POST",
            lambda w: _api_batch(w, "/apply"),
            json={"without_invalid": True},
            owner=None,
            no_control=_APPLY_CONTROL,
        ),
        api(
            "POST",
            lambda w: _api_batch(w, "/apply"),
            "front_desk_a",
            json={"without_invalid": True},
            owner=None,
            no_control=_APPLY_CONTROL,
        ),
    ],
    "api/v1/agencies/<agency_id>/registry/imports/<batch_id>/discard": [
        api("POST", lambda w: _api_batch(w, "/discard")),
        api("POST", lambda w: _api_batch(w, "/discard"), "front_desk_a"),
        api("POST", lambda w: _api_batch(w, "/discard"), "token_b"),
    ],
}


def build(world: Any) -> None:
    """On each side, an uploaded SIAK file read into its diff, its name carrying the side's
    marker (`import_batch_a` / `import_batch_b`)."""
    from padu.registries.imports import import_analyse, import_upload
    from padu.registries.imports.samples import people, siak_csv
    from tests.factories import actor_for
    from tests.isolation.world import SIDES, mark

    for n, s in enumerate(SIDES):
        actor = actor_for(getattr(world, f"admin_{s}"))
        district = "32.04.05"
        batch = import_upload(
            actor=actor,
            agency=world.agency(s),
            name=f"siak {mark(s, 'IMPOR')}.csv",
            content=siak_csv(people(1, district=district, start=200 + n)),
        )
        import_analyse(batch.pk)
        setattr(world, f"import_batch_{s}", batch)


LIST: dict[str, list[ListCase]] = {
    "konsol/penduduk/impor/": [console_list("/konsol/penduduk/impor/", "IMPOR")],
    "api/v1/agencies/<agency_id>/registry/imports": [agency_api("/api/v1/agencies/{agency}/registry/imports", "IMPOR")],
}
NOT_LIST: dict[str, str] = {
    "konsol/penduduk/impor/<int:batch_id>/": "one upload's diff: rows of that one file, reached only by its"
    " agency's keepers (the CASES above)",
    "api/v1/agencies/<agency_id>/registry/imports/<batch_id>/rows": "one upload's diff rows, reached only by its"
    " agency's keepers (the CASES above)",
}

_PEOPLE = "the register's imports are uploaded, checked and applied by a named officer, never by a system"
TOKEN_SCOPES: dict[str, TokenRoute] = {
    "GET api/v1/agencies/<agency_id>/registry/imports": people_only(_PEOPLE),
    "POST api/v1/agencies/<agency_id>/registry/imports": people_only(_PEOPLE),
    "GET api/v1/agencies/<agency_id>/registry/imports/<batch_id>": people_only(_PEOPLE),
    "GET api/v1/agencies/<agency_id>/registry/imports/<batch_id>/rows": people_only(_PEOPLE),
    "POST api/v1/agencies/<agency_id>/registry/imports/<batch_id>/apply": people_only(_PEOPLE),
    "POST api/v1/agencies/<agency_id>/registry/imports/<batch_id>/discard": people_only(_PEOPLE),
}
