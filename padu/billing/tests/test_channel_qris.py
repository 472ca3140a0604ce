"""A QRIS acquirer's merchant data, entered by the treasurer from the acquirer's letter: every
field checked against the QRIS limits and formats (service, API with per-field codes, console
form), audited, and only the treasurer of the channel's own agency may enter it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from padu.billing.errors import ChannelNotQris
from padu.billing.models import PaymentChannel
from padu.billing.selectors import bill_qris
from padu.billing.services import channel_qris_update, channel_register
from padu.core.actors import OPERATOR
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.core.services import api_token_create
from padu.core.web.console import SESSION_KEY
from tests.factories import actor_for, make_agency, make_staff

from .factories import make_bill, make_revenue_agency, make_treasurer

pytestmark = pytest.mark.django_db

LETTER = {
    "qris_acquirer_gui": "ID.CO.BANKBPD.WWW",
    "qris_merchant_pan": "9360011000000000014",
    "qris_merchant_id": "BAPENDA0000001",
    "qris_merchant_criteria": "UBE",
    "qris_nmid": "ID1026000000001",
    "qris_mcc": "9311",
    "merchant_name": "BAPENDA KAB BANDUNG",
    "merchant_city": "SOREANG",
    "merchant_postal_code": "40911",
}

# One past each QRIS limit, and the code that names it.
OVER_LIMIT = [
    ("qris_acquirer_gui", "ID.CO." + "A" * 23 + ".WWW", "qris_acquirer_gui_too_long"),  # 33
    ("qris_merchant_pan", "93600110000000000014", "qris_merchant_pan_too_long"),  # 20 digits
    ("qris_merchant_id", "BAPENDA00000001X", "qris_merchant_id_too_long"),  # 16
    ("qris_merchant_criteria", "UBEE", "qris_merchant_criteria_invalid"),
    ("qris_nmid", "ID10260000000012", "qris_nmid_too_long"),  # 16
    ("qris_mcc", "93111", "qris_mcc_too_long"),
    ("merchant_name", "BAPENDA KABUPATEN BANDUNGX", "merchant_name_too_long"),  # 26
    ("merchant_city", "KABUPATENBANDUNG", "merchant_city_too_long"),  # 16
    ("merchant_postal_code", "40911409114", "merchant_postal_code_too_long"),  # 11
]
BAD_FORMAT = [
    ("qris_acquirer_gui", "ID.CO.QRIS.WWW", "qris_acquirer_gui_national"),
    ("qris_acquirer_gui", "BANK_BPD", "qris_acquirer_gui_format"),
    ("qris_merchant_pan", "9360011000000000015", "qris_merchant_pan_check_digit"),  # Luhn
    ("qris_merchant_pan", "4111111111111111", "qris_merchant_pan_prefix"),
    ("qris_merchant_pan", "936001100000001", "qris_merchant_pan_too_short"),  # 15
    ("qris_merchant_pan", "93600110000000O014", "qris_merchant_pan_format"),  # letter O
    ("qris_merchant_id", "", "qris_merchant_id_required"),
    ("qris_merchant_id", "BAPENDA\u20ac01", "qris_merchant_id_format"),
    ("qris_merchant_criteria", "", "qris_merchant_criteria_required"),
    ("qris_nmid", "ID12345", "qris_nmid_format"),
    ("qris_nmid", "XX1026000000001", "qris_nmid_format"),
    ("qris_mcc", "93A1", "qris_mcc_format"),
    ("merchant_name", "   ", "merchant_name_required"),
    ("merchant_postal_code", "4091", "merchant_postal_code_format"),
]


@pytest.fixture
def office():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    channel, _secret = channel_register(actor=treasurer, agency=agency, name="Bank Daerah", kind="qris")
    return agency, treasurer, channel


def test_the_treasurer_enters_the_letter_and_bills_get_qris(office):
    agency, treasurer, channel = office
    bill = make_bill(agency, treasurer)
    assert bill_qris(bill) == ""
    # Typed as people type them: spaces in the PAN, lower case.
    typed = dict(LETTER, qris_merchant_pan="9360 0110 0000 0000 014", qris_acquirer_gui="id.co.bankbpd.www")
    saved = channel_qris_update(actor=treasurer, channel=channel, **typed)
    assert saved.qris_merchant_pan == "9360011000000000014" and saved.qris_acquirer_gui == "ID.CO.BANKBPD.WWW"
    assert saved.qris_updated_at is not None
    # Tag 26: 0017 GUI (21) + 0119 PAN (23) + 0214 merchant ID (18) + 0303UBE (7) = 69.
    assert "26690017ID.CO.BANKBPD.WWW011993600110000000000140214BAPENDA00000010303UBE" in bill_qris(bill)
    event = AuditEvent.objects.get(agency_id=agency.pk, verb="payment_channel.qris_updated")
    assert event.actor_id == treasurer.user_id
    assert event.changes["qris_merchant_id"] == ["", "BAPENDA0000001"]
    assert event.changes["qris_mcc"] == ["9399", "9311"]


@pytest.mark.parametrize("field,value,code", OVER_LIMIT + BAD_FORMAT)
def test_each_field_is_refused_with_its_code(office, field, value, code):
    _agency, treasurer, channel = office
    with pytest.raises(InvalidInput) as refused:
        channel_qris_update(actor=treasurer, channel=channel, **dict(LETTER, **{field: value}))
    assert refused.value.code == "channel_invalid"
    assert refused.value.extra["field_codes"] == {field: code}
    assert list(refused.value.errors) == [field]
    channel.refresh_from_db()
    assert channel.qris_merchant_id == "" and channel.qris_updated_at is None  # nothing half-written
    assert not AuditEvent.objects.filter(verb="payment_channel.qris_updated").exists()


def test_at_the_limits_every_field_is_accepted(office):
    _agency, treasurer, channel = office
    longest = dict(
        LETTER,
        qris_acquirer_gui="ID.CO." + "A" * 22 + ".WWW",  # 32
        qris_merchant_pan="9360011012345678909",  # 19
        qris_merchant_id="BAPENDA00000001",  # 15
        qris_nmid="ID1026000000001",  # 15
        merchant_name="BAPENDA KABUPATEN BANDUNG",  # 25
        merchant_city="KABUPATENBANDUN",  # 15
    )
    saved = channel_qris_update(actor=treasurer, channel=channel, **longest)
    assert len(saved.qris_acquirer_gui) == 32 and len(saved.merchant_name) == 25
    short = dict(LETTER, qris_merchant_pan="9360011000000002", qris_nmid="ID1026000001")  # 16 digits, ID+10
    assert channel_qris_update(actor=treasurer, channel=channel, **short).qris_nmid == "ID1026000001"


def test_registering_with_part_of_the_letter_is_refused_whole(office):
    agency, treasurer, _channel = office
    with pytest.raises(InvalidInput) as refused:
        channel_register(
            actor=treasurer, agency=agency, name="QRIS Baru", kind="qris", qris_merchant_pan="9360011000000000014"
        )
    codes = refused.value.extra["field_codes"]
    assert codes["qris_merchant_id"] == "qris_merchant_id_required"
    assert codes["qris_acquirer_gui"] == "qris_acquirer_gui_required"
    assert "qris_merchant_pan" not in codes
    assert not PaymentChannel.objects.filter(name="QRIS Baru").exists()
    # A bank has no QRIS data: whatever is typed is not kept, and it cannot be entered later.
    bank, _ = channel_register(actor=treasurer, agency=agency, name="Bank Teller", kind="bank", qris_merchant_id="X")
    assert bank.qris_merchant_id == "" and bank.qris_mcc == ""
    with pytest.raises(ChannelNotQris):
        channel_qris_update(actor=treasurer, channel=bank, **LETTER)


def test_only_the_treasurer_of_the_channels_agency_enters_qris_data(office):
    agency, treasurer, channel = office
    admin = actor_for(make_staff(agency, Role.AGENCY_ADMIN))
    with pytest.raises(Forbidden):
        channel_qris_update(actor=admin, channel=channel, **LETTER)
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    with pytest.raises(Forbidden):
        channel_qris_update(actor=make_treasurer(other), channel=channel, **LETTER)
    channel.refresh_from_db()
    assert channel.qris_merchant_id == ""
    assert channel_qris_update(actor=treasurer, channel=channel, **LETTER).qris_merchant_id == "BAPENDA0000001"


# --- API ---------------------------------------------------------------------------------


def test_the_api_lists_registers_and_updates_channels(api_client, office):
    agency, treasurer, channel = office
    api_client.force_login(treasurer.user)
    listed = api_client.get(f"/api/v1/billing/agencies/{agency.pk}/channels").json()
    assert [(c["name"], c["qris_ready"]) for c in listed] == [("Bank Daerah", False)]
    assert listed[0]["qris_problems"]["qris_merchant_id"] == "qris_merchant_id_required"
    assert "secret" not in listed[0]

    bad = api_client.put(
        f"/api/v1/billing/channels/{channel.pk}/qris",
        dict(LETTER, qris_merchant_id="pc_0123456789abcdef0123"),
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert bad.json()["code"] == "channel_invalid"
    assert bad.json()["field_codes"] == {"qris_merchant_id": "qris_merchant_id_too_long"}
    assert list(bad.json()["errors"]) == ["qris_merchant_id"]

    good = api_client.put(f"/api/v1/billing/channels/{channel.pk}/qris", LETTER, content_type="application/json")
    assert good.status_code == 200, good.content
    assert good.json()["qris_ready"] is True and good.json()["qris_problems"] == {}
    assert good.json()["qris"]["merchant_id"] == "BAPENDA0000001" and good.json()["qris"]["mcc"] == "9311"

    created = api_client.post(
        f"/api/v1/billing/agencies/{agency.pk}/channels",
        dict(LETTER, name="QRIS Kedua", kind="qris", qris_merchant_pan="9360011000000000022"),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created["Cache-Control"] == "no-store"
    body = created.json()
    assert body["secret"] and body["qris_ready"] is True and body["client_id"].startswith("pc_")
    assert AuditEvent.objects.filter(verb="payment_channel.registered", object_id=str(body["id"])).exists()
    names = [c["name"] for c in api_client.get(f"/api/v1/billing/agencies/{agency.pk}/channels").json()]
    assert names == ["Bank Daerah", "QRIS Kedua"]


def test_the_api_refuses_other_staff_and_tokens(api_client, office):
    agency, _treasurer, channel = office
    api_client.force_login(make_staff(agency, Role.AGENCY_ADMIN))
    refused = api_client.put(f"/api/v1/billing/channels/{channel.pk}/qris", LETTER, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "treasurer_required"
    listed = api_client.get(f"/api/v1/billing/agencies/{agency.pk}/channels")
    assert listed.status_code == 403
    api_client.logout()
    _token, raw = api_token_create(actor=OPERATOR, agency=agency, name="Pajak", scopes=["bills:write"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    by_token = api_client.put(
        f"/api/v1/billing/channels/{channel.pk}/qris", LETTER, content_type="application/json", **auth
    )
    assert by_token.status_code in (403, 404)
    channel.refresh_from_db()
    assert channel.qris_merchant_id == ""


# --- Console -----------------------------------------------------------------------------


def _login(client, person, agency):
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_console_form_shows_field_errors_and_saves_the_letter(client, office):
    agency, treasurer, channel = office
    _login(client, treasurer.user, agency)
    url = reverse("portal:console_channel_qris", args=[channel.pk])
    with translation.override("en"):
        listing = client.get(reverse("portal:console_channels")).content.decode()
        assert "Merchant data missing" in listing and url in listing
        bad = client.post(url, dict(LETTER, qris_merchant_id="A" * 16, qris_merchant_pan="9360011000000000015"))
        html = bad.content.decode()
        assert bad.status_code == 200 and "error-summary" in html
        assert 'href="#id_qris_merchant_id"' in html and 'href="#id_qris_merchant_pan"' in html
        assert "The merchant ID is at most 15 characters." in html
        assert "does not match the others" in html
        channel.refresh_from_db()
        assert channel.qris_merchant_id == ""
        done = client.post(url, LETTER)
        assert done.status_code == 302 and done["Location"] == reverse("portal:console_channels")
        listing = client.get(reverse("portal:console_channels")).content.decode()
        assert "Ready" in listing and "ID1026000000001" in listing
    channel.refresh_from_db()
    assert channel.qris_merchant_id == "BAPENDA0000001"


def test_the_console_form_is_the_treasurers_only(client, office):
    agency, _treasurer, channel = office
    _login(client, make_staff(agency, Role.AGENCY_ADMIN), agency)
    url = reverse("portal:console_channel_qris", args=[channel.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, LETTER).status_code == 403
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    outsider = make_staff(other, Role.TREASURER)
    _login(client, outsider, other)
    assert client.post(url, LETTER).status_code == 404
    channel.refresh_from_db()
    assert channel.qris_merchant_id == ""
