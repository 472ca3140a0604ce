"""The households' console pages: the list (search, the households needing a new head), one
household (members with their relationship to the head; add a KK or a person, take someone
out, name the head), making one from a resident's page, the front desk reading without
changing, another village's household not found, every read logged. Text is checked in English."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.registries import events
from padu.registries import households as hh
from padu.registries.models import Household, LifeEvent, Resident, ResidentAccess
from padu.registries.tests.factories import make_family, make_resident
from tests.factories import make_agency, make_staff

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)
LIST = "/konsol/penduduk/rumah-tangga/"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def village():
    agency = make_agency()
    family, people = make_family(agency, members=3)
    home = hh.household_create(actor=OPERATOR, agency=agency, head=people[0])
    return agency, family, people, home


def _client(user, agency) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    session = client.session
    session["portal_agency_id"] = agency.pk
    session.save()
    return client


def _every_td_labelled(html: str) -> None:
    cells = re.findall(r"<td\b[^>]*>", html)
    assert cells and all("data-label=" in td for td in cells), [td for td in cells if "data-label=" not in td]


def test_the_list_finds_households_and_logs_the_heads_read(village):
    agency, _family, (head, wife, child), home = village
    _f, (other_head, *_r) = make_family(agency, members=1)
    Resident.objects.filter(pk=other_head.pk).update(name="Bapak Lain")
    other = hh.household_create(actor=OPERATOR, agency=agency, head=other_head, number="RT-LAIN")
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    page = client.get(LIST).content.decode()
    assert "RT-0001" in page and "RT-LAIN" in page and head.name in page and "Bapak Lain" in page
    assert "2 households found" in page and "needs a new head" not in page
    assert "RT 001 / RW 001 / Dusun Satu" in page
    _every_td_labelled(page)
    by_number = client.get(LIST, {"q": "lain"}).content.decode()
    assert "RT-LAIN" in by_number and "RT-0001" not in by_number
    by_head = client.get(LIST, {"q": "kepala"}).content.decode()
    assert "RT-0001" in by_head and "RT-LAIN" not in by_head
    # Bad input: an unknown status is ignored, not an error.
    assert client.get(LIST, {"status": "zombie"}).status_code == 200
    logs = ResidentAccess.objects.filter(resident=head, viewer=registrar, purpose__contains="daftar rumah tangga")
    assert logs.count() == 3 and all(log.fields == ["name", "household"] for log in logs)
    assert not ResidentAccess.objects.filter(resident=wife, viewer=registrar).exists()
    assert other.pk


def test_a_household_needing_a_new_head_is_shown_and_mended_on_its_page(village):
    agency, _family, (head, wife, child), home = village
    events.event_death(actor=OPERATOR, agency=agency, resident=head, occurred_on=dt.date(2026, 11, 20), new_head=wife)
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    listed = client.get(LIST).content.decode()
    assert "1 household needs a new head." in listed and "<strong>Needs a new head</strong>" in listed
    assert "RT-0001" in client.get(LIST, {"status": "attention"}).content.decode()
    url = f"{LIST}{home.pk}/"
    page = client.get(url).content.decode()
    assert "This household needs a new head" in page
    assert "Kepala Keluarga is marked as the head but is no longer present (Died)." in page
    assert "Former members still placed here" in page
    # Bad input: a head who is not a member is not a choice.
    stranger = make_resident(agency, name="Orang Lain")
    bad = client.post(url, {"action": "set_head", "set_head-head": stranger.pk}).content.decode()
    assert "There is a problem" in bad and Resident.objects.get(pk=wife.pk).is_household_head is False
    done = client.post(url, {"action": "set_head", "set_head-head": wife.pk})
    assert done.status_code == 302
    assert Resident.objects.get(pk=wife.pk).is_household_head
    after = client.get(LIST).content.decode()
    assert "household needs a new head" not in after and "<strong>Needs a new head</strong>" not in after


def test_the_household_page_adds_takes_out_and_refuses_with_the_rule(village):
    agency, family, (head, wife, child), home = village
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    url = f"{LIST}{home.pk}/"
    page = client.get(url).content.decode()
    assert "Head of the household" in page and "Wife" in page and "Child" in page
    assert head.nik_masked in page and head.nik not in page and family.kk_masked in page
    _every_td_labelled(page)
    log = ResidentAccess.objects.get(resident=child, viewer=registrar)
    assert "household" in log.fields and log.purpose.endswith("halaman rumah tangga")
    # A person by NIK (of another KK).
    lodger = make_resident(agency, name="Penumpang")
    unknown = client.post(url, {"action": "add_person", "add_person-nik": "3204051111110001"}).content.decode()
    assert "No resident with this NIK in the register." in unknown
    added = client.post(url, {"action": "add_person", "add_person-nik": lodger.nik})
    assert added.status_code == 302 and Resident.objects.get(pk=lodger.pk).household_id == home.pk
    after_add = client.get(url).content.decode()
    assert "in another KK" in after_add and "Data corrected (Penumpang)" in after_add
    # A KK by number.
    other_kk, (neighbour, *_r) = make_family(agency, members=1)
    unknown_kk = client.post(url, {"action": "add_family", "add_family-kk_number": "3204050101200999"})
    assert "No KK with this number in the register." in unknown_kk.content.decode()
    assert client.post(url, {"action": "add_family", "add_family-kk_number": other_kk.kk_number}).status_code == 302
    assert Resident.objects.get(pk=neighbour.pk).household_id == home.pk
    # The head out without a new head: refused with the rule, nothing written.
    events_before = LifeEvent.objects.count()
    refused = client.post(url, {"action": "remove", "remove-resident": head.pk}).content.decode()
    assert "There is a problem" in refused
    assert "A household has exactly one head among its present members; this one has 0." in refused
    assert Resident.objects.get(pk=head.pk).household_id == home.pk and LifeEvent.objects.count() == events_before
    out = client.post(url, {"action": "remove", "remove-resident": head.pk, "remove-new_head": wife.pk})
    assert out.status_code == 302
    assert Resident.objects.get(pk=head.pk).household_id is None and Resident.objects.get(pk=wife.pk).is_household_head
    # An unknown action is not a page.
    assert client.post(url, {"action": "explode"}).status_code == 404


def test_a_household_is_made_from_a_residents_page(village):
    agency, _family, (head, wife, child), home = village
    registrar = make_staff(agency, Role.REGISTRAR)
    client = _client(registrar, agency)
    resident_page = client.get(f"/konsol/penduduk/warga/{child.pk}/").content.decode()
    assert "RT-0001" in resident_page and f"{LIST}baru/?resident={child.pk}" in resident_page
    head_page = client.get(f"/konsol/penduduk/warga/{head.pk}/").content.decode()
    assert "head of the household" in head_page
    family_page = client.get(f"/konsol/penduduk/kk/{head.family_id}/").content.decode()
    assert f"{LIST}{home.pk}/" in family_page
    form = client.get(f"{LIST}baru/", {"resident": child.pk}).content.decode()
    assert "will head the new household" in form and "Now in household RT-0001" in form
    _every_td_labelled(form)
    taken = client.post(f"{LIST}baru/", {"resident": child.pk, "number": "RT-0001"}).content.decode()
    assert "There is already a household with this number." in taken
    made = client.post(f"{LIST}baru/", {"resident": child.pk, "number": "", "address": "Jl. Baru 3"})
    assert made.status_code == 302
    own = Household.objects.get(agency=agency, number="RT-0002")
    assert made["Location"] == f"{LIST}{own.pk}/" and own.address == "Jl. Baru 3"
    assert Resident.objects.get(pk=child.pk).household_id == own.pk
    # Bad input: no resident, or one of no one.
    assert client.get(f"{LIST}baru/").status_code == 404
    assert client.get(f"{LIST}baru/", {"resident": 999999}).status_code == 404


def test_the_front_desk_reads_and_changes_nothing(village):
    agency, _family, (head, wife, child), home = village
    desk = _client(make_staff(agency, Role.FRONT_DESK), agency)
    url = f"{LIST}{home.pk}/"
    assert "RT-0001" in desk.get(LIST).content.decode()
    page = desk.get(url).content.decode()
    assert head.name in page and "Name the head" not in page and "Add a KK" not in page
    assert desk.post(url, {"action": "set_head", "set_head-head": wife.pk}).status_code == 403
    assert desk.get(f"{LIST}baru/", {"resident": child.pk}).status_code == 403
    assert desk.post(f"{LIST}baru/", {"resident": child.pk}).status_code == 403
    assert Resident.objects.get(pk=head.pk).is_household_head and Household.objects.count() == 1
    # Owner control: the register officer sees and uses the forms.
    keeper = _client(make_staff(agency, Role.REGISTRAR), agency)
    assert "Name the head" in keeper.get(url).content.decode()
    assert keeper.post(url, {"action": "set_head", "set_head-head": wife.pk}).status_code == 302


def test_another_villages_household_is_not_found(village):
    agency, _family, (head, wife, child), home = village
    elsewhere = make_agency(name="Pemerintah Desa Lain", region="32.04.05.2002")
    _f, (stranger, *_r) = make_family(elsewhere, members=1)
    Resident.objects.filter(pk=stranger.pk).update(name="Warga Desa Lain")
    theirs = hh.household_create(actor=OPERATOR, agency=elsewhere, head=stranger, number="RT-DESA-LAIN")
    client = _client(make_staff(agency, Role.REGISTRAR), agency)
    assert client.get(f"{LIST}{theirs.pk}/").status_code == 404
    assert client.post(f"{LIST}{theirs.pk}/", {"action": "set_head", "set_head-head": stranger.pk}).status_code == 404
    assert client.get(f"{LIST}baru/", {"resident": stranger.pk}).status_code == 404
    # Their household is not in this village's list; this village's is.
    listed = client.get(LIST).content.decode()
    assert "1 household found" in listed and "RT-DESA-LAIN" not in listed and "Warga Desa Lain" not in listed
    assert client.get(f"{LIST}{home.pk}/").status_code == 200
