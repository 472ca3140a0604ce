"""Tenant isolation of e-billing: bills, receipts, refunds and payment channels."""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, api, page

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
    "api/v1/billing/channel/inquiry": _SIGNED,
    "api/v1/billing/channel/payments": _SIGNED,
    "api/v1/billing/channel/reversals": _SIGNED,
}

SELF: dict[str, str] = {
    "akun/tagihan/": "GET",
    "api/v1/me/bills": "GET",
}


def _mine(method: str, url: Any, **kw: Any) -> Call:
    """A citizen's own bill, asked for by another citizen."""
    return Call(method, url, "citizen_other", owner="citizen_owner", **kw)


CASES: dict[str, list[Call]] = {
    "akun/tagihan/<int:bill_id>/": [_mine("GET", lambda w: f"/akun/tagihan/{w.bill_a.pk}/")],
    "akun/tagihan/<int:bill_id>/pdf/": [_mine("GET", lambda w: f"/akun/tagihan/{w.bill_a.pk}/pdf/")],
    "akun/tagihan/<int:bill_id>/bukti/": [_mine("GET", lambda w: f"/akun/tagihan/{w.bill_a_paid.pk}/bukti/")],
    "akun/permohonan/<int:application_id>/tagihan-baru/": [
        _mine("POST", lambda w: f"/akun/permohonan/{w.application_a.pk}/tagihan-baru/", form={}),
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
}


def build(world: Any) -> None:
    from padu.billing.services import LineInput, bill_create, channel_register, payment_notify
    from padu.core.actors import OPERATOR
    from padu.core.roles import Role
    from tests.factories import make_staff

    world.treasurer_a = make_staff(world.agency_a, Role.TREASURER)
    world.treasurer_b = make_staff(world.agency_b, Role.TREASURER)
    world.channel_a, _secret = channel_register(actor=OPERATOR, agency=world.agency_a, name="Bank A", kind="bank")
    owner = world.citizen_owner

    def bill(description: str) -> Any:
        return bill_create(
            actor=OPERATOR,
            agency=world.agency_a,
            payer_kind="citizen",
            payer_user_id=owner.pk,
            payer_name=owner.full_name,
            source_kind="tax",
            description=description,
            lines=[LineInput("4.1.01.12.01.0001", "PBB-P2", 120_000)],
        )

    world.bill_a = bill("PBB-P2 2026")
    world.bill_a_paid = bill("PBB-P2 2025")
    payment_notify(channel=world.channel_a, code=world.bill_a_paid.code, amount=120_000, reference="ISO-1")
    _build_settlements(world)


def snapshot() -> tuple[int, ...]:
    from padu.billing.models import Bill, Payment, PaymentChannel, RefundRequest

    return (
        Bill.objects.count(),
        Bill.objects.filter(status="unpaid").count(),
        Payment.objects.count(),
        RefundRequest.objects.count(),
        PaymentChannel.objects.count(),
        PaymentChannel.objects.filter(is_active=True).count(),
        PaymentChannel.objects.filter(secret_rotated_at__isnull=False).count(),
    ) + _settlement_counts()


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


def _build_settlements(world: Any) -> None:
    """Agency A's statement: ISO-1 matched; ISO-2 missing in Padu, recorded with proof; ISO-3 open."""
    from zoneinfo import ZoneInfo

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from padu.billing.reconciliation import statement_line_resolve, statement_upload
    from padu.billing.services import LineInput, bill_create
    from tests.factories import actor_for

    treasurer = actor_for(world.treasurer_a)
    day = timezone.now().astimezone(ZoneInfo(world.agency_a.time_zone)).date()
    extra = [
        bill_create(
            actor=treasurer,
            agency=world.agency_a,
            payer_kind="walk_in",
            payer_name="Pembayar Loket",
            source_kind="levy",
            description=f"Retribusi {n}",
            lines=[LineInput("4.1.02.01.01.0001", "Retribusi", 45_000)],
        )
        for n in (1, 2)
    ]
    rows = [
        f"ISO-1,{world.bill_a_paid.code},120000,{day}",
        f"ISO-2,{extra[0].code},45000,{day}",
        f"ISO-3,{extra[1].code},45000,{day}",
    ]
    world.statement_a = statement_upload(
        actor=treasurer,
        agency=world.agency_a,
        channel=world.channel_a,
        upload=SimpleUploadedFile("s.csv", ("reference,billing_code,amount,paid_at\n" + "\n".join(rows)).encode()),
        period_start=day,
        period_end=day,
    )
    world.line_a_proof = world.statement_a.lines.get(channel_reference="ISO-2")
    world.line_a_open = world.statement_a.lines.get(channel_reference="ISO-3")
    statement_line_resolve(
        actor=treasurer,
        line=world.line_a_proof,
        action="recorded",
        note="Dana masuk",
        proof=SimpleUploadedFile("slip.pdf", b"%PDF-1.7\n%%EOF\n"),
    )


def _settlement_counts() -> tuple[int, ...]:
    from padu.billing.models import SettlementLine, SettlementStatement

    return (
        SettlementStatement.objects.count(),
        SettlementLine.objects.count(),
        SettlementLine.objects.exclude(resolution="").count(),
    )
