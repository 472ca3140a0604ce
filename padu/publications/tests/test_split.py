"""The move out of padu.information kept the rows: same tables, and the content types (with
their permissions) renamed to the new app by migration 0001, and back when it is reversed."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, migrations

from padu.publications.models import LegalDocument, LegalRelation, NewsItem
from tests.factories import make_agency

pytestmark = pytest.mark.django_db

initial = importlib.import_module("padu.publications.migrations.0001_initial")
MODELS = {"newsitem": NewsItem, "legaldocument": LegalDocument, "legalrelation": LegalRelation}


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    # Only the new rows, as after the whole migration (padu.information's state no longer has
    # these models, so nothing makes an "information" row for them again).
    ContentType.objects.filter(app_label="information", model__in=MODELS).delete()
    yield
    ContentType.objects.clear_cache()


def test_the_models_keep_their_tables_and_the_migration_touches_none():
    assert {name: model._meta.db_table for name, model in MODELS.items()} == {
        "newsitem": "information_newsitem",
        "legaldocument": "information_legaldocument",
        "legalrelation": "information_legalrelation",
    }
    state, content_types = initial.Migration.operations
    assert isinstance(state, migrations.SeparateDatabaseAndState) and state.database_operations == []
    assert isinstance(content_types, migrations.RunPython) and content_types.reversible


def test_a_row_written_through_the_model_is_in_the_old_table():
    item = NewsItem.objects.create(agency=make_agency(), title="Kabar", slug="kabar", body="<p>x</p>")
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM information_newsitem WHERE id = %s", [item.pk])
        assert cursor.fetchone() == ("Kabar",)


def test_the_content_types_move_to_publications_and_back():
    editor = SimpleNamespace(connection=connection)
    # As an old database has them: the rows (and their permissions) under "information".
    ContentType.objects.filter(app_label="publications", model__in=MODELS).update(app_label="information")
    before = dict(ContentType.objects.filter(app_label="information", model__in=MODELS).values_list("model", "pk"))
    assert set(before) == set(MODELS)
    other = ContentType.objects.create(app_label="information", model="somethingelse")

    initial.content_types_to_publications(apps, editor)
    after = dict(ContentType.objects.filter(app_label="publications", model__in=MODELS).values_list("model", "pk"))
    assert after == before
    assert not ContentType.objects.filter(app_label="information", model__in=MODELS).exists()
    assert ContentType.objects.get(pk=other.pk).app_label == "information"
    permission = Permission.objects.get(codename="change_newsitem")
    assert permission.content_type_id == before["newsitem"]
    assert f"{permission.content_type.app_label}.{permission.codename}" == "publications.change_newsitem"

    initial.content_types_to_information(apps, editor)
    back = dict(ContentType.objects.filter(app_label="information", model__in=MODELS).values_list("model", "pk"))
    assert back == before


def test_on_a_fresh_database_the_rename_changes_nothing():
    rows = set(ContentType.objects.values_list("pk", "app_label", "model"))
    initial.content_types_to_publications(apps, SimpleNamespace(connection=connection))
    assert set(ContentType.objects.values_list("pk", "app_label", "model")) == rows
