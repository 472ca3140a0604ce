"""Accounts linked to residents: the register officer compares the names and dates of birth
and confirms, refuses or unlinks (each audited); the citizen sees "verified by", their record,
their history and who read it; another citizen sees nothing of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from padu.accounts.models import CitizenProfile
from padu.core.actors import Actor
from padu.core.crypto import encrypt, keyed_hash
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from padu.registries.hooks import register_facts
from padu.registries.linking import (
    link_candidates,
    link_confirm,
    link_refuse,
    link_remove,
    my_register_record,
    register_export,
)
from padu.registries.models import LinkRefusal, Resident, ResidentAccess
from padu.registries.tests.factories import make_family
from tests.factories import make_agency, make_citizen, make_staff, make_user

pytestmark = pytest.mark.django_db


def profile_for(resident: Resident, *, name: str, birth: dt.date | None = None, email: str = "") -> CitizenProfile:
    """A citizen account whose profile carries the resident's NIK (as typed by the citizen)."""
    user = make_user(full_name=name, **({"email": email} if email else {}))
    return CitizenProfile.objects.create(
        user=user,
        nik_encrypted=encrypt(resident.nik),
        nik_hash=keyed_hash("nik", resident.nik),
        name=name,
        birth_place="Bandung",
        birth_date=birth or resident.birth_date,
        gender=resident.sex,
        region_id="32.04.05.2001",
        street="Jl. Ketik Sendiri 1",
    )


@pytest.fixture
def village():
    agency = make_agency()
    _family, people = make_family(agency, members=3)
    registrar = make_staff(agency, Role.REGISTRAR, full_name="Operator Kependudukan")
    return agency, people, registrar


def test_candidates_show_both_names_and_birth_dates_and_the_read_is_logged(village):
    agency, people, registrar = village
    head, wife, _child = people
    profile_for(head, name="Kepala  keluarga")  # the same name, spelt otherwise
    profile_for(wife, name="Istri Tercinta", birth=dt.date(1983, 7, 3))
    make_citizen()  # a citizen whose NIK is nobody's here
    candidates = link_candidates(Actor(user=registrar), agency)
    assert [(c.resident.name, c.profile.name) for c in candidates] == [
        ("Istri", "Istri Tercinta"),
        ("Kepala Keluarga", "Kepala  keluarga"),
    ]
    assert [(c.names_agree, c.birth_dates_agree) for c in candidates] == [(False, False), (True, True)]
    logged = ResidentAccess.objects.filter(viewer=registrar)
    assert sorted(a.resident_id for a in logged) == sorted([head.pk, wife.pk])
    assert all(a.fields == ["name", "birth_date"] for a in logged)


def test_only_the_register_keepers_see_candidates_and_link(village):
    agency, people, _registrar = village
    profile = profile_for(people[0], name="Kepala Keluarga")
    front_desk = make_staff(agency, Role.FRONT_DESK)
    other_admin = make_staff(make_agency(name="Desa Lain", region="32.04.05.2002"), Role.AGENCY_ADMIN)
    for actor in (Actor(user=front_desk), Actor(user=other_admin), Actor(user=profile.user)):
        with pytest.raises(Forbidden):
            link_candidates(actor, agency)
        with pytest.raises(Forbidden):
            link_confirm(actor=actor, agency=agency, resident_id=people[0].pk, user_id=profile.user_id)
    assert Resident.objects.get(pk=people[0].pk).user_id is None


def test_confirm_refuse_and_unlink_are_audited(village):
    agency, people, registrar = village
    head, wife, child = people
    actor = Actor(user=registrar)
    head_profile = profile_for(head, name="Kepala Keluarga")
    wife_profile = profile_for(wife, name="Orang Lain")
    linked = link_confirm(actor=actor, agency=agency, resident_id=head.pk, user_id=head_profile.user_id)
    assert linked.user_id == head_profile.user_id and linked.linked_by_id == registrar.pk
    assert linked.linked_at is not None
    assert AuditEvent.objects.filter(verb="registries.link.confirmed", object_id=str(head.pk)).exists()
    # Bad input: no reason, another person's account, an account already linked.
    with pytest.raises(InvalidInput) as exc:
        link_refuse(actor=actor, agency=agency, resident_id=wife.pk, user_id=wife_profile.user_id, reason="  ")
    assert exc.value.code == "reason_required"
    with pytest.raises(InvalidInput) as exc:
        link_confirm(actor=actor, agency=agency, resident_id=child.pk, user_id=wife_profile.user_id)
    assert exc.value.code == "link_nik_mismatch"
    with pytest.raises(Conflict):
        link_confirm(actor=actor, agency=agency, resident_id=head.pk, user_id=head_profile.user_id)
    # Refused: the pair is not offered again.
    link_refuse(
        actor=actor, agency=agency, resident_id=wife.pk, user_id=wife_profile.user_id, reason="Nama tidak cocok"
    )
    assert LinkRefusal.objects.get().reason == "Nama tidak cocok"
    assert AuditEvent.objects.filter(verb="registries.link.refused").exists()
    assert link_candidates(actor, agency) == []
    # Unlinked with a reason.
    with pytest.raises(InvalidInput):
        link_remove(actor=actor, agency=agency, resident_id=head.pk, reason="")
    link_remove(actor=actor, agency=agency, resident_id=head.pk, reason="Akun dipakai orang lain")
    head.refresh_from_db()
    assert head.user_id is None and head.linked_at is None
    event = AuditEvent.objects.get(verb="registries.link.removed")
    assert event.changes["reason"] == "Akun dipakai orang lain"
    with pytest.raises(Conflict):
        link_remove(actor=actor, agency=agency, resident_id=head.pk, reason="lagi")


def test_the_console_page_confirms_and_refuses(client, village):
    agency, people, registrar = village
    head, wife, _child = people
    head_profile = profile_for(head, name="Kepala Keluarga")
    wife_profile = profile_for(wife, name="Orang Lain")
    from tests.factories import give_totp

    give_totp(registrar)
    client.force_login(registrar)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    client.cookies["django_language"] = "en"
    url = reverse("portal:console_registry_links")
    assert url == "/konsol/penduduk/tautan-akun/"
    page = client.get(url).content.decode()
    assert "Kepala Keluarga" in page and "Orang Lain" in page and "differs" in page
    response = client.post(url, {"action": "confirm", "resident": head.pk, "user": head_profile.user_id})
    assert response.status_code == 302
    assert Resident.objects.get(pk=head.pk).user_id == head_profile.user_id
    # Refusing without a reason: the page says so, nothing is written.
    response = client.post(url, {"action": "refuse", "resident": wife.pk, "user": wife_profile.user_id})
    assert response.status_code == 400 and "Give the reason." in response.content.decode()
    assert not LinkRefusal.objects.exists()
    response = client.post(
        url, {"action": "refuse", "resident": wife.pk, "user": wife_profile.user_id, "reason": "Bukan orangnya"}
    )
    assert response.status_code == 302 and LinkRefusal.objects.count() == 1
    page = client.get(url).content.decode()
    assert "No account waits for confirmation." in page
    # The front desk has no such page.
    desk = make_staff(agency, Role.FRONT_DESK)
    client.force_login(desk)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    assert client.get(url).status_code == 403


def test_the_citizen_sees_verified_their_record_and_who_read_it(client, village):
    agency, people, registrar = village
    head = people[0]
    profile = profile_for(head, name="Kepala Keluarga", email="kepala@example.id")
    link_confirm(actor=Actor(user=registrar), agency=agency, resident_id=head.pk, user_id=profile.user_id)
    front_desk = make_staff(agency, Role.FRONT_DESK, full_name="Petugas Loket")
    register_facts(agency_id=agency.pk, nik=head.nik, actor=Actor(user=front_desk), purpose="Surat domisili")
    client.force_login(profile.user)
    client.cookies["django_language"] = "en"
    url = reverse("portal:my_register_record")
    assert url == "/akun/data-kependudukan/"
    page = client.get(url).content.decode()
    assert "Verified by Pemerintah Desa Cileunyi Kulon on" in page
    assert head.nik in page  # their own NIK, in full
    assert "Istri (Wife)" in page and "Anak 1 (Child)" in page
    assert "Imported" in page  # the history: the import that recorded them
    rows = page.count("data-access")
    assert rows == ResidentAccess.objects.filter(resident=head).count() >= 1
    assert "Petugas Loket" in page and "Surat domisili" in page
    exported = register_export(profile.user)
    assert exported["linked"] is True and exported["village"] == "Pemerintah Desa Cileunyi Kulon"
    assert any(a["purpose"] == "Surat domisili" for a in exported["accesses"])
    # Another citizen sees nothing of it: not linked, and no record with their NIK.
    other = make_citizen()
    client.force_login(other.user)
    page = client.get(url).content.decode()
    assert "Not linked yet: your village will confirm your data." in page
    assert "Kepala Keluarga" not in page and head.nik not in page and "Petugas Loket" not in page
    assert "No village register in Padu has a record with your NIK yet." in page
    assert register_export(other.user) == {"linked": False}


def test_a_matched_citizen_not_yet_linked_is_told_which_village_has_them(client, village):
    _agency, people, _registrar = village
    profile = profile_for(people[1], name="Istri")
    record = my_register_record(profile.user)
    assert record.resident is None and record.match_village == "Pemerintah Desa Cileunyi Kulon"
    client.force_login(profile.user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:my_register_record")).content.decode()
    assert "The population register of Pemerintah Desa Cileunyi Kulon has a record with your NIK." in page
    assert people[1].nik not in page  # nothing of the record itself
    # Without logging in, the page asks to log in.
    client.logout()
    assert client.get(reverse("portal:my_register_record")).status_code == 302
