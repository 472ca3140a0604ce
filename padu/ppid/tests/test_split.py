"""PPID split off padu.information with its rows: the models still read and write the
information tables, the migration moves the models' content types (and with them their
permissions) to "ppid" and back, and audit rows written under the old label stay readable."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from padu.core.actors import OPERATOR, Actor
from padu.core.audit import audit_record
from padu.core.roles import Role
from padu.core.selectors import agency_audit_events
from padu.ppid.models import InfoObjection, InfoRequest, PublicInformation, RequestEvent, RequestFile
from padu.ppid.services import request_submit
from tests.factories import actor_for, make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("padu.ppid.migrations.0001_initial")
MODELS = (InfoRequest, InfoObjection, RequestEvent, RequestFile, PublicInformation)
EDITOR = SimpleNamespace(connection=connection)


def _submit():
    agency = make_agency()
    citizen = make_citizen()
    request = request_submit(
        actor=Actor(user=citizen.user),
        agency=agency,
        requester_kind="person",
        name=citizen.name,
        nik=citizen.nik,
        address="Jl. Raya 1",
        email="warga@example.id",
        information="Salinan APBDes 2026",
        purpose="Penelitian",
        obtain_method="soft_copy",
        delivery_method="email",
    )
    return agency, request


def _content_types() -> dict[str, int]:
    """Each model's content type, as Django finds it now: model name -> id."""
    ContentType.objects.clear_cache()
    return {ct.model: ct.pk for ct in map(ContentType.objects.get_for_model, MODELS)}


def _labels(ids: dict[str, int]) -> dict[str, str]:
    """Each model's content type row (by its id) -> the app it is under now."""
    return dict(ContentType.objects.filter(pk__in=ids.values()).values_list("model", "app_label"))


def test_the_models_keep_the_information_tables():
    assert [m._meta.db_table for m in MODELS] == [
        "information_inforequest",
        "information_infoobjection",
        "information_requestevent",
        "information_requestfile",
        "information_publicinformation",
    ]
    _agency, request = _submit()
    with connection.cursor() as cursor:
        cursor.execute("SELECT number, information FROM information_inforequest WHERE id = %s", [request.pk])
        assert cursor.fetchone() == (request.number, "Salinan APBDes 2026")
        cursor.execute("SELECT action FROM information_requestevent WHERE request_id = %s", [request.pk])
        assert cursor.fetchall() == [("submit",)]


def test_the_content_types_move_to_ppid_and_back():
    new = _content_types()
    assert set(_labels(new).values()) == {"ppid"}
    # An old database: the models' rows say "information" (and none says "ppid"); a permission
    # hangs on one of them. (Until padu.information drops the models from its migration state,
    # a fresh test database also has stale "information" rows: they go first.)
    ContentType.objects.filter(app_label="information", model__in=list(new)).delete()
    ContentType.objects.filter(pk__in=new.values()).update(app_label="information")
    permission = Permission.objects.get(content_type_id=new["inforequest"], codename="view_inforequest")
    untouched = ContentType.objects.create(app_label="information", model="somethingelse")

    MIGRATION.content_types_to_ppid(django_apps, EDITOR)
    assert _labels(new) == {name: "ppid" for name in new}
    assert _content_types() == new
    assert Permission.objects.get(pk=permission.pk).content_type_id == new["inforequest"]
    assert ContentType.objects.get(pk=untouched.pk).app_label == "information"

    MIGRATION.content_types_to_ppid(django_apps, EDITOR)  # again: nothing changes
    assert _labels(new) == {name: "ppid" for name in new}
    MIGRATION.content_types_to_information(django_apps, EDITOR)
    assert _labels(new) == {name: "information" for name in new}
    MIGRATION.content_types_to_ppid(django_apps, EDITOR)
    ContentType.objects.clear_cache()


def test_on_a_fresh_database_the_rename_does_nothing():
    before = list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"))
    MIGRATION.content_types_to_ppid(django_apps, EDITOR)
    assert list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model")) == before


def test_audit_rows_of_either_label_stay_in_the_agency_history():
    agency, request = _submit()
    audit_record(
        actor=OPERATOR,
        verb="ppid.extend",
        agency=agency,
        object_type="information.inforequest",
        object_id=request.pk,
        changes={"number": request.number},
    )
    admin = make_staff(agency, Role.AGENCY_ADMIN)
    rows = agency_audit_events(actor_for(admin), agency.pk).filter(object_type__endswith=".inforequest")
    assert set(rows.values_list("object_type", "verb")) == {
        ("ppid.inforequest", "ppid.submit"),
        ("information.inforequest", "ppid.extend"),
    }
