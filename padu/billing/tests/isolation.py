"""Tenant isolation of e-billing: bills, receipts, refunds and payment channels."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.isolation.cases import (
    Call,
    ListCase,
    TokenRoute,
    agency_api,
    api,
    console_list,
    mine,
    page,
    people_only,
    scope,
)

# The payment-channel API has no session: a channel signs each request with its secret
# and reaches only its own agency's bills (padu/billing/tests/test_channel_api.py proves
# a channel of another agency gets `bill_unknown`).
_SIGNED = (
    "payment-channel API: no session, authenticated by the channel's HMAC-SHA256 signature;"
    " a channel reaches only its own agency's bills"
)

PUBLIC: dict[str, str] = {
    "bayar/": "bill look-up form, no data",
    "bayar/<str:code>/": "a bill by its 14-digit billing code (random, check digits): payer name masked",
    "bayar/<str:code>/pdf/": "the same bill as PDF, payer name masked",
    "bayar/bukti/<str:verification_code>/": "receipt verification by its unguessable code, payer name masked",
    "api/v1/billing/public/<code>": "a bill by its billing code, payer name masked",
    "api/v1/billing/channel/inquiry": "POST: " + _SIGNED,
    "api/v1/billing/channel/payments": "POST: " + _SIGNED,
    "api/v1/billing/channel/reversals": "POST: " + _SIGNED,
}

SELF: dict[str, str] = {
    "akun/tagihan/": "GET",
    "api/v1/me/bills": "GET",
}


# A QRIS acquirer's letter, as the treasurer enters it (padu/billing/tests/test_channel_qris.py).
LETTER = {
    "qris_acquirer_gui": "ID.CO.BANKBPD.WWW",
    "qris_merchant_pan": "9360011000000000014",
    "qris_merchant_id": "BAPENDA0000001",
    "qris_merchant_criteria": "UBE",
    "qris_nmid": "ID1026000000001",
    "qris_mcc": "9399",
    "merchant_name": "BAPENDA KAB BANDUNG",
    "merchant_city": "SOREANG",
    "merchant_postal_code": "40911",
}


def _mine(method: str, url: Any, **kw: Any) -> Call:
    """A citizen's own bill, asked for by another citizen."""
    return Call(method, url, "citizen_other", owner="citizen_owner", **kw)


CASES: dict[str, list[Call]] = {
    "akun/tagihan/<int:bill_id>/": [_mine("GET", lambda w: f"/akun/tagihan/{w.bill_a.pk}/")],
    "akun/tagihan/<int:bill_id>/pdf/": [_mine("GET", lambda w: f"/akun/tagihan/{w.bill_a.pk}/pdf/")],
    "akun/tagihan/<int:bill_id>/bukti/": [_mine("GET", lambda w: f"/akun/tagihan/{w.bill_a_paid.pk}/bukti/")],
    "akun/permohonan/<int:application_id>/tagihan-baru/": [
        Call(
            "POST",
            lambda w: f"/akun/permohonan/{w.application_a.pk}/tagihan-baru/",
            "citizen_other",
            form={},
            owner=None,
            no_control="a new fee bill needs an application whose fee bill expired; the applicant's renewal is"
            " tested in padu/services/tests/test_fee_journey.py",
        ),
    ],
    "api/v1/billing/agencies/<agency_id>/bills": [
        api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/bills"),
        api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/bills", "supervisor_b"),
        api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/bills", "token_b"),
        api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/bills", "citizen_owner"),
        api(
            "POST",
            lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/bills",
            "treasurer_b",
            json={
                "payer_kind": "walk_in",
                "payer_name": "X",
                "source_kind": "levy",
                "description": "X",
                "lines": [{"account_code": "4.1", "description": "X", "amount": 1000}],
            },
        ),
        api(
            "POST",
            lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/bills",
            "admin_a",
            json={
                "payer_kind": "walk_in",
                "payer_name": "X",
                "source_kind": "levy",
                "description": "X",
                "lines": [{"account_code": "4.1", "description": "X", "amount": 1000}],
            },
        ),
    ],
    "api/v1/billing/bills/<bill_id>": [
        api("GET", lambda w: f"/api/v1/billing/bills/{w.bill_a.pk}"),
        api("GET", lambda w: f"/api/v1/billing/bills/{w.bill_a.pk}", "citizen_other"),
        api("GET", lambda w: f"/api/v1/billing/bills/{w.bill_a.pk}", "token_b"),
        api("GET", lambda w: f"/api/v1/billing/bills/{w.bill_a.pk}", "supervisor_b"),
    ],
    "api/v1/billing/bills/<bill_id>/cancel": [
        api("POST", lambda w: f"/api/v1/billing/bills/{w.bill_a.pk}/cancel", "treasurer_b", json={"reason": "x"}),
        api("POST", lambda w: f"/api/v1/billing/bills/{w.bill_a.pk}/cancel", "citizen_owner", json={"reason": "x"}),
        api("POST", lambda w: f"/api/v1/billing/bills/{w.bill_a.pk}/cancel", "admin_a", json={"reason": "x"}),
    ],
    "konsol/tagihan/": [
        page("GET", "/konsol/tagihan/"),
        page("GET", "/konsol/tagihan/", "supervisor_b"),
    ],
    "konsol/tagihan/<int:bill_id>/": [
        Call("GET", lambda w: f"/konsol/tagihan/{w.bill_a.pk}/", "admin_b", console_agency="agency_b"),
        Call("GET", lambda w: f"/konsol/tagihan/{w.bill_a.pk}/", "treasurer_b", console_agency="agency_a"),
        Call("GET", lambda w: f"/konsol/tagihan/{w.bill_a.pk}/", "supervisor_b", console_agency="agency_b"),
    ],
    "konsol/tagihan/<int:bill_id>/batal/": [
        Call("POST", lambda w: f"/konsol/tagihan/{w.bill_a.pk}/batal/", "treasurer_b", form={"cancel-reason": "x"}),
        Call(
            "POST",
            lambda w: f"/konsol/tagihan/{w.bill_a.pk}/batal/",
            "front_desk_a",
            form={"cancel-reason": "x"},
            console_agency="agency_a",
        ),
    ],
    "konsol/tagihan/<int:bill_id>/refund/": [
        Call(
            "POST",
            lambda w: f"/konsol/tagihan/{w.bill_a_paid.pk}/refund/",
            "treasurer_b",
            form={"refund-reason": "x"},
        ),
        Call(
            "POST",
            lambda w: f"/konsol/tagihan/{w.bill_a_paid.pk}/refund/",
            "admin_a",
            form={"refund-reason": "x"},
            console_agency="agency_a",
        ),
    ],
    "konsol/tagihan/<int:bill_id>/refund/putuskan/": [
        Call(
            "POST",
            lambda w: f"/konsol/tagihan/{w.bill_a_paid.pk}/refund/putuskan/",
            "treasurer_b",
            form={"decide-decision": "approve"},
        ),
    ],
    "konsol/tagihan/<int:bill_id>/bukti/": [
        Call("GET", lambda w: f"/konsol/tagihan/{w.bill_a_paid.pk}/bukti/", "treasurer_b"),
        Call("GET", lambda w: f"/konsol/tagihan/{w.bill_a_paid.pk}/bukti/", "citizen_owner"),
    ],
    "konsol/tagihan/baru/": [
        page("GET", "/konsol/tagihan/baru/", "treasurer_b", owner="treasurer_a"),
        page("GET", "/konsol/tagihan/baru/", "front_desk_a", owner="treasurer_a"),
        page(
            "POST",
            "/konsol/tagihan/baru/",
            "admin_a",
            owner="treasurer_a",
            form={
                "source_kind": "levy",
                "payer_name": "X",
                "description": "X",
                "valid_days": "7",
                "line_1_account_code": "4.1",
                "line_1_description": "X",
                "line_1_amount": "1000",
            },
        ),
    ],
    "konsol/kanal-pembayaran/": [
        page("GET", "/konsol/kanal-pembayaran/", "treasurer_b", owner="treasurer_a"),
        page("GET", "/konsol/kanal-pembayaran/", "admin_a", owner="treasurer_a"),
        page("POST", "/konsol/kanal-pembayaran/", "admin_a", owner="treasurer_a", form={"name": "X", "kind": "bank"}),
    ],
    "konsol/kanal-pembayaran/<int:channel_id>/rahasia/": [
        Call("POST", lambda w: f"/konsol/kanal-pembayaran/{w.channel_a.pk}/rahasia/", "treasurer_b", form={}),
        Call(
            "POST",
            lambda w: f"/konsol/kanal-pembayaran/{w.channel_a.pk}/rahasia/",
            "admin_a",
            form={},
            console_agency="agency_a",
        ),
    ],
    "konsol/kanal-pembayaran/<int:channel_id>/aktif/": [
        Call("POST", lambda w: f"/konsol/kanal-pembayaran/{w.channel_a.pk}/aktif/", "treasurer_b", form={}),
    ],
    "konsol/kanal-pembayaran/<int:channel_id>/qris/": [
        Call(
            "GET", lambda w: f"/konsol/kanal-pembayaran/{w.qris_channel_a.pk}/qris/", "treasurer_b", owner="treasurer_a"
        ),
        Call(
            "GET",
            lambda w: f"/konsol/kanal-pembayaran/{w.qris_channel_a.pk}/qris/",
            "admin_a",
            console_agency="agency_a",
            owner="treasurer_a",
        ),
        Call("POST", lambda w: f"/konsol/kanal-pembayaran/{w.qris_channel_a.pk}/qris/", "treasurer_b", form=LETTER),
        Call(
            "POST",
            lambda w: f"/konsol/kanal-pembayaran/{w.qris_channel_a.pk}/qris/",
            "admin_a",
            form=LETTER,
            console_agency="agency_a",
        ),
    ],
    "api/v1/billing/agencies/<agency_id>/channels": [
        api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/channels", "treasurer_b", owner="treasurer_a"),
        api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/channels", "admin_a", owner="treasurer_a"),
        api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/channels", "token_b", owner="treasurer_a"),
        api(
            "POST",
            lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/channels",
            "treasurer_b",
            json={"name": "Bank Sisipan", "kind": "bank"},
        ),
        api(
            "POST",
            lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/channels",
            "admin_a",
            json={"name": "Bank Sisipan", "kind": "bank"},
        ),
    ],
    "api/v1/billing/channels/<channel_id>/qris": [
        api("PUT", lambda w: f"/api/v1/billing/channels/{w.qris_channel_a.pk}/qris", "treasurer_b", json=LETTER),
        api("PUT", lambda w: f"/api/v1/billing/channels/{w.qris_channel_a.pk}/qris", "admin_a", json=LETTER),
        api("PUT", lambda w: f"/api/v1/billing/channels/{w.qris_channel_a.pk}/qris", "token_b", json=LETTER),
    ],
}


def build(world: Any) -> None:
    """On each side: a treasurer, a payment channel, an unpaid and a paid bill of the side's
    citizen (A's are `bill_a` and `bill_a_paid`), and a settlement statement."""
    from padu.billing.services import LineInput, bill_create, channel_register, payment_notify
    from padu.core.actors import OPERATOR
    from padu.core.roles import Role
    from tests.factories import make_staff
    from tests.isolation.world import CITIZEN, SIDES, mark

    for s in SIDES:
        agency = world.agency(s)
        setattr(
            world, f"treasurer_{s}", make_staff(agency, Role.TREASURER, full_name=f"Bendahara {mark(s, 'BENDAHARA')}")
        )
        channel, _secret = channel_register(actor=OPERATOR, agency=agency, name=f"Bank {mark(s, 'KANAL')}", kind="bank")
        setattr(world, f"channel_{s}", channel)
        # A QRIS acquirer registered before its letter came: no merchant data yet.
        qris, _secret = channel_register(actor=OPERATOR, agency=agency, name=f"QRIS {mark(s, 'KANAL')}", kind="qris")
        setattr(world, f"qris_channel_{s}", qris)
        payer = getattr(world, CITIZEN[s])

        def bill(description: str, agency: Any = agency, payer: Any = payer, s: str = s) -> Any:
            return bill_create(
                actor=OPERATOR,
                agency=agency,
                payer_kind="citizen",
                payer_user_id=payer.pk,
                payer_name=payer.full_name,
                source_kind="tax",
                description=f"{description} {mark(s, 'TAGIHAN')}",
                lines=[LineInput("4.1.01.12.01.0001", f"PBB-P2 {mark(s, 'RINCIAN')}", 120_000)],
            )

        setattr(world, f"bill_{s}", bill("PBB-P2 2026"))
        paid = bill("PBB-P2 2025")
        setattr(world, f"bill_{s}_paid", paid)
        payment_notify(channel=channel, code=paid.code, amount=120_000, reference=f"ISO-{s}-1")
        _build_settlements(world, s)


# --- Reconciliation and revenue reports ---------------------------------------------------


def _statement(w: Any) -> str:
    return f"/konsol/tagihan/rekonsiliasi/{w.statement_a.pk}/"


def _line(w: Any, line: str = "line_a_open") -> str:
    return f"{_statement(w)}baris/{getattr(w, line).pk}/"


def _csv_upload() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("s.csv", b"reference,billing_code,amount,paid_at\n", content_type="text/csv")


_RESOLVE = {"action": "written_off", "note": "x"}

CASES.update(
    {
        "konsol/tagihan/rekonsiliasi/": [
            page("GET", "/konsol/tagihan/rekonsiliasi/", "treasurer_b", owner="treasurer_a"),
            page("GET", "/konsol/tagihan/rekonsiliasi/", "admin_a", owner="treasurer_a"),
            page(
                "POST",
                "/konsol/tagihan/rekonsiliasi/",
                "treasurer_b",
                owner="treasurer_a",
                form={"channel": "{channel_a}", "period_start": "2026-11-01", "period_end": "2026-11-01"},
            ),
        ],
        "konsol/tagihan/rekonsiliasi/<int:statement_id>/": [
            Call("GET", _statement, "treasurer_b", console_agency="agency_b", owner="treasurer_a"),
            Call("GET", _statement, "admin_a", console_agency="agency_a", owner="treasurer_a"),
            Call("GET", _statement, "supervisor_b", console_agency="agency_b", owner="treasurer_a"),
        ],
        "konsol/tagihan/rekonsiliasi/<int:statement_id>/berkas/": [
            Call(
                "GET",
                lambda w: _statement(w) + "berkas/",
                "treasurer_b",
                console_agency="agency_b",
                owner="treasurer_a",
            ),
            Call("GET", lambda w: _statement(w) + "berkas/", "admin_a", console_agency="agency_a", owner="treasurer_a"),
        ],
        "konsol/tagihan/rekonsiliasi/<int:statement_id>/baris/<int:line_id>/": [
            Call("GET", _line, "treasurer_b", console_agency="agency_b", owner="treasurer_a"),
            Call("POST", _line, "treasurer_b", console_agency="agency_b", form=_RESOLVE, owner="treasurer_a"),
            Call("POST", _line, "admin_a", console_agency="agency_a", form=_RESOLVE, owner="treasurer_a"),
        ],
        "konsol/tagihan/rekonsiliasi/<int:statement_id>/baris/<int:line_id>/bukti/": [
            Call(
                "GET",
                lambda w: _line(w, "line_a_proof") + "bukti/",
                "treasurer_b",
                console_agency="agency_b",
                owner="treasurer_a",
            ),
            Call(
                "GET",
                lambda w: _line(w, "line_a_proof") + "bukti/",
                "admin_a",
                console_agency="agency_a",
                owner="treasurer_a",
            ),
        ],
        "konsol/tagihan/laporan/": [
            page("GET", "/konsol/tagihan/laporan/", "treasurer_b"),
            page("GET", "/konsol/tagihan/laporan/", "front_desk_a"),
            page("GET", "/konsol/tagihan/laporan/?beneath=on", "supervisor_b"),
        ],
        "konsol/tagihan/laporan/unduh/<str:fmt>/": [
            page("GET", "/konsol/tagihan/laporan/unduh/xlsx/", "treasurer_b"),
            page("GET", "/konsol/tagihan/laporan/unduh/csv/", "front_desk_a"),
        ],
        "api/v1/billing/agencies/<agency_id>/revenue": [
            api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/revenue"),
            api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/revenue?beneath=true", "supervisor_b"),
            api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/revenue", "token_b"),
            api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/revenue", "front_desk_a"),
            api("GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/revenue", "citizen_owner"),
        ],
        "api/v1/billing/agencies/<agency_id>/settlements": [
            api(
                "GET",
                lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/settlements",
                "treasurer_b",
                owner="treasurer_a",
            ),
            api(
                "GET", lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/settlements", "admin_a", owner="treasurer_a"
            ),
            api(
                "POST",
                lambda w: f"/api/v1/billing/agencies/{w.agency_a.pk}/settlements",
                "treasurer_b",
                owner="treasurer_a",
                form={
                    "channel_id": "{channel_a}",
                    "period_start": "2026-11-01",
                    "period_end": "2026-11-01",
                    "file": _csv_upload(),
                },
            ),
        ],
        "api/v1/billing/settlements/<statement_id>": [
            api("GET", lambda w: f"/api/v1/billing/settlements/{w.statement_a.pk}", "treasurer_b", owner="treasurer_a"),
            api("GET", lambda w: f"/api/v1/billing/settlements/{w.statement_a.pk}", "admin_a", owner="treasurer_a"),
            api("GET", lambda w: f"/api/v1/billing/settlements/{w.statement_a.pk}", "token_b", owner="treasurer_a"),
        ],
        "api/v1/billing/settlement-lines/<line_id>/resolve": [
            api(
                "POST",
                lambda w: f"/api/v1/billing/settlement-lines/{w.line_a_open.pk}/resolve",
                "treasurer_b",
                form=_RESOLVE,
                owner="treasurer_a",
            ),
            api(
                "POST",
                lambda w: f"/api/v1/billing/settlement-lines/{w.line_a_open.pk}/resolve",
                "admin_a",
                form=_RESOLVE,
                owner="treasurer_a",
            ),
        ],
    }
)


def _build_settlements(world: Any, s: str) -> None:
    """The side's statement: ISO-s-1 matched; ISO-s-2 missing in Padu, recorded with proof;
    ISO-s-3 open (A's: `statement_a`, `line_a_proof`, `line_a_open`)."""
    from zoneinfo import ZoneInfo

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from padu.billing.reconciliation import statement_line_resolve, statement_upload
    from padu.billing.services import LineInput, bill_create
    from tests.factories import actor_for, tiny_pdf
    from tests.isolation.world import mark

    agency = world.agency(s)
    treasurer = actor_for(getattr(world, f"treasurer_{s}"))
    day = timezone.now().astimezone(ZoneInfo(agency.time_zone)).date()
    extra = [
        bill_create(
            actor=treasurer,
            agency=agency,
            payer_kind="walk_in",
            payer_name=f"Pembayar Loket {mark(s, 'LOKET-BAYAR')}",
            source_kind="levy",
            description=f"Retribusi {n} {mark(s, 'RETRIBUSI')}",
            lines=[LineInput("4.1.02.01.01.0001", "Retribusi", 45_000)],
        )
        for n in (1, 2)
    ]
    rows = [
        f"ISO-{s}-1,{getattr(world, f'bill_{s}_paid').code},120000,{day}",
        f"ISO-{s}-2,{extra[0].code},45000,{day}",
        f"ISO-{s}-3,{extra[1].code},45000,{day}",
    ]
    statement = statement_upload(
        actor=treasurer,
        agency=agency,
        channel=getattr(world, f"channel_{s}"),
        upload=SimpleUploadedFile("s.csv", ("reference,billing_code,amount,paid_at\n" + "\n".join(rows)).encode()),
        period_start=day,
        period_end=day,
    )
    setattr(world, f"statement_{s}", statement)
    proof = statement.lines.get(channel_reference=f"ISO-{s}-2")
    setattr(world, f"line_{s}_proof", proof)
    setattr(world, f"line_{s}_open", statement.lines.get(channel_reference=f"ISO-{s}-3"))
    statement_line_resolve(
        actor=treasurer,
        line=proof,
        action="recorded",
        note=f"Dana masuk {mark(s, 'CATATAN-BANK')}",
        proof=SimpleUploadedFile("slip.pdf", tiny_pdf()),
    )


LIST: dict[str, list[ListCase]] = {
    "akun/tagihan/": [mine("/akun/tagihan/", "TAGIHAN")],
    "api/v1/me/bills": [mine("/api/v1/me/bills", "TAGIHAN", "RINCIAN")],
    "konsol/tagihan/": [
        console_list("/konsol/tagihan/", "TAGIHAN", "WARGA", viewer="treasurer_{s}"),
        console_list("/konsol/tagihan/?q=PBB", "TAGIHAN", viewer="treasurer_{s}", label="search"),
        console_list("/konsol/tagihan/?status=paid", "TAGIHAN", viewer="admin_{s}", label="filter"),
    ],
    "api/v1/billing/agencies/<agency_id>/bills": [
        agency_api("/api/v1/billing/agencies/{agency}/bills", "TAGIHAN", "WARGA", viewer="treasurer_{s}"),
        agency_api("/api/v1/billing/agencies/{agency}/bills?q=PBB", "TAGIHAN", viewer="token_full_{s}", label="search"),
    ],
    "api/v1/billing/agencies/<agency_id>/revenue": [
        agency_api("/api/v1/billing/agencies/{agency}/revenue", "KANAL", viewer="treasurer_{s}"),
    ],
    "api/v1/billing/agencies/<agency_id>/settlements": [
        agency_api("/api/v1/billing/agencies/{agency}/settlements", "KANAL", viewer="treasurer_{s}"),
    ],
    "konsol/tagihan/laporan/": [console_list("/konsol/tagihan/laporan/", "KANAL", viewer="treasurer_{s}")],
    "konsol/tagihan/laporan/unduh/<str:fmt>/": [
        console_list("/konsol/tagihan/laporan/unduh/csv/", "KANAL", viewer="treasurer_{s}", label="csv"),
        console_list("/konsol/tagihan/laporan/unduh/xlsx/", "KANAL", viewer="treasurer_{s}", label="xlsx"),
    ],
    "konsol/tagihan/rekonsiliasi/": [console_list("/konsol/tagihan/rekonsiliasi/", "KANAL", viewer="treasurer_{s}")],
    "konsol/kanal-pembayaran/": [console_list("/konsol/kanal-pembayaran/", "KANAL", viewer="treasurer_{s}")],
    "api/v1/billing/agencies/<agency_id>/channels": [
        agency_api("/api/v1/billing/agencies/{agency}/channels", "KANAL", viewer="treasurer_{s}"),
    ],
}

NOT_LIST: dict[str, str] = {
    "konsol/tagihan/baru/": "a form for a new bill",
}

_TREASURER = "the treasurer's work (cancellations, refunds, reconciliation): a person with two-step login"
_CHANNELS = "payment channels, their secrets and QRIS merchant data are the treasurer's: a person with two-step login"

TOKEN_SCOPES: dict[str, TokenRoute] = {
    "GET api/v1/billing/agencies/<agency_id>/bills": scope("bills:read", "bills:write"),
    "POST api/v1/billing/agencies/<agency_id>/bills": scope(
        "bills:write",
        json={
            "payer_kind": "walk_in",
            "payer_name": "Sistem Pajak",
            "source_kind": "levy",
            "description": "Retribusi pasar",
            "lines": [{"account_code": "4.1", "description": "Retribusi", "amount": 1000}],
        },
    ),
    "GET api/v1/billing/bills/<bill_id>": scope("bills:read", "bills:write"),
    "POST api/v1/billing/bills/<bill_id>/cancel": people_only(_TREASURER, json={"reason": "x"}),
    "GET api/v1/me/bills": people_only("a payer's own bills", url=lambda w: "/api/v1/me/bills"),
    "GET api/v1/billing/agencies/<agency_id>/revenue": people_only("the revenue report is for the agency's staff"),
    "GET api/v1/billing/agencies/<agency_id>/settlements": people_only(_TREASURER),
    "POST api/v1/billing/agencies/<agency_id>/settlements": people_only(_TREASURER),
    "GET api/v1/billing/settlements/<statement_id>": people_only(_TREASURER),
    "GET api/v1/billing/agencies/<agency_id>/channels": people_only(_CHANNELS),
    "POST api/v1/billing/agencies/<agency_id>/channels": people_only(
        _CHANNELS, json={"name": "Bank X", "kind": "bank"}
    ),
    "PUT api/v1/billing/channels/<channel_id>/qris": people_only(
        _CHANNELS, url=lambda w: f"/api/v1/billing/channels/{w.qris_channel_a.pk}/qris", json=LETTER
    ),
    "POST api/v1/billing/settlement-lines/<line_id>/resolve": people_only(
        _TREASURER,
        url=lambda w: f"/api/v1/billing/settlement-lines/{w.line_a_open.pk}/resolve",
        json={"action": "written_off", "note": "x"},
    ),
}


def _statement_upload(world: Any) -> Any:
    """A settlement file with a payment of A's unpaid bill that Padu has not recorded."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = f"reference,billing_code,amount,paid_at\nISO-9,{world.bill_a.code},120000,2026-11-01\n"
    return SimpleUploadedFile("s.csv", body.encode(), content_type="text/csv")


def _treasurer_owns_the_writes() -> None:
    """Bills, refunds, channels and statements are the treasurer's: the owner of each write."""
    special: dict[str, dict[str, Any]] = {
        "konsol/tagihan/<int:bill_id>/refund/putuskan/": {
            "owner": None,
            "no_control": "deciding needs a pending refund request; the owner's decision is tested in"
            " padu/billing/tests/test_pages.py",
        },
        "api/v1/billing/agencies/<agency_id>/settlements": {
            "owner": "treasurer_a",
            "owner_form": lambda w: {
                "channel_id": "{channel_a}",
                "period_start": "2026-11-01",
                "period_end": "2026-11-01",
                "file": _statement_upload(w),
            },
        },
        "konsol/tagihan/rekonsiliasi/": {
            "owner": "treasurer_a",
            "owner_form": lambda w: {
                "channel": "{channel_a}",
                "period_start": "2026-11-01",
                "period_end": "2026-11-01",
                "file": _statement_upload(w),
            },
        },
    }
    for route, calls in CASES.items():
        CASES[route] = [
            replace(c, **special.get(route, {"owner": "treasurer_a"}))
            if c.method != "GET" and c.owner in ("admin_a", "treasurer_a")
            else c
            for c in calls
        ]


_treasurer_owns_the_writes()
