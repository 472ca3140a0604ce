"""Staff console: tenancy and permission checks on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from padu.core.models import AgencyHoliday, ApiToken, PersonalDataAccess
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from tests import web_factories as f

pytestmark = pytest.mark.django_db

CONSOLE_PAGES = ("portal:console", "portal:console_staff", "portal:console_audit", "portal:console_calendar")


def _login(client, person, agency=None):
    client.force_login(person)
    if agency is not None:
        session = client.session
        session[SESSION_KEY] = agency.pk
        session.save()


def test_console_requires_login(client):
    assert client.get(reverse("portal:console")).status_code == 302


def test_console_pages_render_for_officer(client):
    agency = f.agency()
    officer = f.staff(agency, Role.FRONT_DESK)
    _login(client, officer)
    for name in CONSOLE_PAGES + ("portal:console_citizens",):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert agency.name in response.content.decode()


def test_user_without_membership_gets_explanation(client):
    _login(client, f.user())
    response = client.get(reverse("portal:console"))
    assert response.status_code == 403
    assert "skip-link" in response.content.decode()


def test_officer_of_a_gets_404_for_agency_b_via_session(client):
    agency_a = f.agency()
    agency_b = f.agency("Desa Cimenyan", region_code="32.04.06.2001")
    officer = f.staff(agency_a, Role.FRONT_DESK)
    _login(client, officer, agency_b)
    for name in CONSOLE_PAGES + ("portal:console_citizens", "portal:console_tokens"):
        response = client.get(reverse(name))
        assert response.status_code == 404, name
        assert agency_b.name not in response.content.decode()


def test_switching_to_invisible_agency_is_404(client):
    agency_a = f.agency()
    agency_b = f.agency("Desa Cimenyan", region_code="32.04.06.2001")
    officer = f.staff(agency_a, Role.FRONT_DESK)
    _login(client, officer)
    assert client.post(reverse("portal:console_switch"), {"agency": agency_b.pk}).status_code == 404
    assert client.session.get(SESSION_KEY) != agency_b.pk


def test_supervisor_sees_and_switches_to_agencies_beneath(client):
    district = f.agency("Kecamatan Cileunyi", region_code="32.04.05", kind="kecamatan")
    village = f.agency("Desa Cileunyi Kulon", parent=district)
    boss = f.staff(district, Role.SUPERVISOR)
    _login(client, boss)
    html = client.get(reverse("portal:console")).content.decode()
    assert f'value="{village.pk}"' in html
    response = client.post(reverse("portal:console_switch"), {"agency": village.pk})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == village.pk
    assert village.name in client.get(reverse("portal:console_staff")).content.decode()


def test_non_admin_cannot_manage_holidays_or_tokens(client):
    agency = f.agency()
    officer = f.staff(agency, Role.FRONT_DESK)
    _login(client, officer)
    assert client.get(reverse("portal:console_tokens")).status_code == 403
    response = client.post(reverse("portal:console_calendar"), {"date": "2030-01-02", "name": "Hari Jadi"})
    assert response.status_code == 403
    assert not AgencyHoliday.objects.exists()


def test_admin_adds_and_removes_holiday(client):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN)
    f.with_totp(admin)
    _login(client, admin)
    response = client.post(reverse("portal:console_calendar"), {"date": "2030-01-02", "name": "Hari Jadi Desa"})
    assert response.status_code == 302
    holiday = AgencyHoliday.objects.get(agency=agency)
    # A duplicate is refused with a message, nothing added.
    html = client.post(reverse("portal:console_calendar"), {"date": "2030-01-02", "name": "Lagi"}).content.decode()
    assert "error-summary" in html
    assert AgencyHoliday.objects.count() == 1
    client.post(reverse("portal:console_holiday_delete", args=[holiday.pk]))
    assert not AgencyHoliday.objects.exists()


def test_holiday_form_bad_input_shows_summary(client):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN)
    f.with_totp(admin)
    _login(client, admin)
    html = client.post(reverse("portal:console_calendar"), {"date": "bukan tanggal", "name": ""}).content.decode()
    assert 'href="#id_date"' in html and 'href="#id_name"' in html
    assert not AgencyHoliday.objects.exists()


def test_admin_without_totp_is_sent_to_mfa_page(client):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN)
    _login(client, admin)
    response = client.get(reverse("portal:console"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:mfa_required")


def test_admin_creates_and_revokes_token_shown_once(client):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN)
    f.with_totp(admin)
    _login(client, admin)
    html = client.post(
        reverse("portal:console_tokens"), {"name": "Jembatan", "scopes": ["agencies:read"]}
    ).content.decode()
    token = ApiToken.objects.get(agency=agency)
    assert f"padu_{token.prefix}_" in html and 'id="new-token"' in html
    assert 'id="new-token"' not in client.get(reverse("portal:console_tokens")).content.decode()
    client.post(reverse("portal:console_token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_form_bad_input(client):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN)
    f.with_totp(admin)
    _login(client, admin)
    html = client.post(reverse("portal:console_tokens"), {"name": ""}).content.decode()
    assert "error-summary" in html
    assert not ApiToken.objects.exists()


def _citizen_with_profile():
    import datetime as dt

    from padu.accounts.services import citizen_profile_save
    from padu.core.actors import Actor

    person = f.user("siti@example.id")
    citizen_profile_save(
        actor=Actor(user=person),
        user=person,
        nik=f.NIK,
        name="Siti Warga",
        birth_place="Bandung",
        birth_date=dt.date(1990, 8, 17),
        region_code=f.VILLAGE,
        street="Jl. Merdeka 5",
    )
    return person


def test_front_desk_looks_up_citizen_masked_and_logged(client):
    agency = f.agency()
    officer = f.staff(agency, Role.FRONT_DESK)
    citizen = _citizen_with_profile()
    _login(client, officer)
    html = client.post(
        reverse("portal:console_citizens"), {"nik": f.NIK, "purpose": "Surat pengantar"}
    ).content.decode()
    assert "Siti Warga" in html
    assert f.NIK not in html
    assert citizen.citizen.nik_masked in html
    access = PersonalDataAccess.objects.get(subject=citizen)
    assert access.purpose == "Surat pengantar"
    # The citizen sees it in their access log.
    client.force_login(citizen)
    assert "Surat pengantar" in client.get(reverse("portal:account")).content.decode()


def test_lookup_without_purpose_shows_error_and_logs_nothing(client):
    agency = f.agency()
    officer = f.staff(agency, Role.FRONT_DESK)
    _citizen_with_profile()
    _login(client, officer)
    html = client.post(reverse("portal:console_citizens"), {"nik": f.NIK, "purpose": ""}).content.decode()
    assert "error-summary" in html
    assert not PersonalDataAccess.objects.exists()


def test_lookup_forbidden_for_supervisor(client):
    agency = f.agency()
    boss = f.staff(agency, Role.SUPERVISOR)
    _citizen_with_profile()
    _login(client, boss)
    response = client.post(reverse("portal:console_citizens"), {"nik": f.NIK, "purpose": "Lihat"})
    assert response.status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_audit_trail_paginates(client):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN)
    f.with_totp(admin)
    _login(client, admin)
    html = client.get(reverse("portal:console_audit")).content.decode()
    assert "agency.created" in html and "membership.granted" in html


def test_superuser_without_membership_can_open_console(client):
    from padu.accounts.models import User

    agency = f.agency()
    root = User.objects.create_superuser("root@example.id", f.PASSWORD)
    f.with_totp(root)  # a superuser logs in with two factors
    client.force_login(root)
    response = client.get(reverse("portal:console"))
    assert response.status_code == 200
    assert agency.name in response.content.decode()


def test_the_console_menu_shows_each_officer_the_areas_they_work_in(client):
    agency = f.agency()
    front_desk = f.staff(agency, Role.FRONT_DESK, "loket@example.id")
    treasurer = f.staff(agency, Role.TREASURER, "bendahara@example.id")
    f.with_totp(treasurer)
    ppid = f.staff(agency, Role.INFORMATION_OFFICER, "ppid@example.id")

    def menu(user):
        client.force_login(user)
        html = client.get(reverse("portal:console")).content.decode()
        nav = html[html.index('class="sub-nav"') :]
        return nav[: nav.index("</nav>")]

    desk = menu(front_desk)
    assert reverse("portal:console_inbox") in desk and reverse("portal:console_complaints") in desk
    for hidden in ("console_revenue", "console_news", "console_legal", "console_ppid", "console_services"):
        assert reverse(f"portal:{hidden}") not in desk, hidden
    money = menu(treasurer)
    assert reverse("portal:console_bills") in money and reverse("portal:console_revenue") in money
    info = menu(ppid)
    for shown in ("console_ppid", "console_news", "console_legal"):
        assert reverse(f"portal:{shown}") in info, shown
    assert reverse("portal:console_revenue") not in info
