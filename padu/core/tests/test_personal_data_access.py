"""The personal-data access log (UU PDP): who is logged, and how a list is written."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from padu.core.actors import OPERATOR, Actor
from padu.core.models import PersonalDataAccess
from padu.core.roles import Role
from padu.core.services import DataLook, api_token_create, personal_data_access_record, personal_data_accesses_record
from tests.factories import actor_for, make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def village():
    return make_agency()


def _record(actor, subject, agency):
    personal_data_access_record(actor=actor, subject_id=subject.pk, agency=agency, purpose="Cek", fields=["nik"])


def test_a_token_read_names_the_token_and_its_creator(village):
    admin = make_staff(village, Role.AGENCY_ADMIN)
    token, _raw = api_token_create(actor=actor_for(admin), agency=village, name="SIAK", scopes=["documents:read"])
    citizen = make_citizen().user
    _record(Actor(token=token, ip_address="10.1.2.3"), citizen, village)
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.token) == (citizen, admin, token)
    assert (access.agency, access.fields, access.ip_address) == (village, ["nik"], "10.1.2.3")


def test_a_token_read_of_its_own_creators_data_is_still_logged(village):
    # Another system read it, not the person: the token is no one's own look.
    admin = make_staff(village, Role.AGENCY_ADMIN)
    token, _raw = api_token_create(actor=actor_for(admin), agency=village, name="SIAK", scopes=["documents:read"])
    _record(Actor(token=token), admin, village)
    assert PersonalDataAccess.objects.get().viewer == admin


def test_the_persons_own_look_and_the_operator_are_not_logged_and_an_officer_is(village):
    citizen = make_citizen().user
    _record(actor_for(citizen), citizen, village)
    _record(OPERATOR, citizen, village)
    assert not PersonalDataAccess.objects.exists()
    officer = make_staff(village, Role.VERIFIER)
    _record(actor_for(officer), citizen, village)
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.token) == (citizen, officer, None)


def test_a_list_is_one_row_per_person_shown_in_one_insert(village):
    officer = make_staff(village, Role.VERIFIER)
    a, b = make_citizen().user, make_citizen(female=True).user
    looks = [
        DataLook(a.pk, village, "Daftar (1)", ["full_name"]),
        DataLook(b.pk, village, "Daftar (2)", ["full_name"]),
        DataLook(a.pk, village, "Daftar (3)", ["full_name"]),  # the same person again
        DataLook(None, village, "Daftar (4)", ["full_name"]),  # nobody to log (an anonymous one)
        DataLook(officer.pk, village, "Daftar (5)", ["full_name"]),  # the officer themself
    ]
    with CaptureQueriesContext(connection) as captured:
        assert personal_data_accesses_record(actor=actor_for(officer), looks=looks) == 2
    assert len(captured.captured_queries) == 1
    rows = {r.subject_id: r.purpose for r in PersonalDataAccess.objects.all()}
    assert rows == {a.pk: "Daftar (1)", b.pk: "Daftar (2)"}
    with CaptureQueriesContext(connection) as captured:
        assert personal_data_accesses_record(actor=actor_for(officer), looks=[]) == 0
    assert captured.captured_queries == []


def test_a_token_list_without_an_agency_is_logged_under_the_tokens_agency(village):
    token, _raw = api_token_create(actor=OPERATOR, agency=village, name="SIAK", scopes=["bills:read"])
    citizen = make_citizen().user
    personal_data_accesses_record(actor=Actor(token=token), looks=[DataLook(citizen.pk, None, "Daftar", ["x"])])
    access = PersonalDataAccess.objects.get()
    assert (access.agency, access.token, access.viewer) == (village, token, None)
