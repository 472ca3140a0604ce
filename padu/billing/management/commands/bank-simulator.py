# ruff: noqa: N999 - the command is `padu bank-simulator`
"""`padu bank-simulator`: play a bank or QRIS acquirer against a running Padu over HTTP.

Inquiry, payment, the same notification again (it must get the same answer and record
nothing new) and, with --reverse, a same-day reversal and the notification once more (it
must be refused with `payment_reversed`); every request and answer printed.
"""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from padu.billing.signing import signed_headers


class Command(BaseCommand):
    help = "Play a payment channel against a running Padu: inquiry, pay, duplicate notification, reversal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", required=True, help="Padu's address, e.g. http://127.0.0.1:8000")
        parser.add_argument("--client-id", required=True)
        parser.add_argument(
            "--secret", required=True, help="The channel's secret; write --secret=… (a secret may begin with -)"
        )
        parser.add_argument("--code", required=True, help="The billing code to pay")
        parser.add_argument("--amount", type=int, help="Pay this amount instead of the bill's (to see a refusal)")
        parser.add_argument("--reference", help="The channel's payment reference (default: a new random one)")
        parser.add_argument("--reverse", action="store_true", help="Reverse the payment at the end")
        parser.add_argument("--inquiry-only", action="store_true")
        parser.add_argument("--timeout", type=float, default=20.0)

    def _call(self, base: str, path: str, payload: dict[str, Any], options: dict[str, Any]) -> tuple[int, Any]:
        body = json.dumps(payload, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            **signed_headers(options["client_id"], options["secret"], body),
        }
        url = f"{base}/api/v1/billing/channel/{path}"
        self.stdout.write(self.style.HTTP_INFO(f"→ POST {url}"))
        for name, value in headers.items():
            self.stdout.write(f"  {name}: {value}")
        self.stdout.write(f"  {body.decode()}")
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=options["timeout"]) as response:  # noqa: S310
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except urllib.error.URLError as exc:
            raise CommandError(f"Cannot reach {base}: {exc.reason}") from exc
        try:
            answer = json.loads(raw)
        except ValueError:
            answer = raw.decode(errors="replace")
        style = self.style.SUCCESS if status < 400 else self.style.WARNING
        self.stdout.write(style(f"← {status}"))
        self.stdout.write("  " + json.dumps(answer, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n")
        return status, answer

    def handle(self, *args: Any, **options: Any) -> None:
        base = options["url"].rstrip("/")
        if not base.startswith(("http://", "https://")):
            raise CommandError("--url must start with http:// or https://")
        self.stdout.write(self.style.MIGRATE_HEADING("1. Inquiry"))
        status, bill = self._call(base, "inquiry", {"billing_code": options["code"]}, options)
        if status != 200:
            raise CommandError(f"Inquiry refused: {bill.get('code') if isinstance(bill, dict) else bill}")
        if options["inquiry_only"]:
            return
        reference = options["reference"] or f"SIM-{secrets.token_hex(6).upper()}"
        payment = {
            "billing_code": bill["billing_code"],
            "amount": options["amount"] if options["amount"] is not None else bill["amount"],
            "reference": reference,
        }
        self.stdout.write(self.style.MIGRATE_HEADING("2. Payment notification"))
        status, first = self._call(base, "payments", payment, options)
        if status != 200:
            raise CommandError(f"Payment refused: {first.get('code') if isinstance(first, dict) else first}")
        self.stdout.write(self.style.MIGRATE_HEADING("3. The same notification again"))
        status, second = self._call(base, "payments", payment, options)
        if status != 200 or second != first:
            raise CommandError("The repeated notification did not get the same answer.")
        self.stdout.write(self.style.SUCCESS("   Same answer: one payment, counted once."))
        if options["reverse"]:
            self.stdout.write(self.style.MIGRATE_HEADING("4. Reversal"))
            status, reversal = self._call(base, "reversals", {"reference": reference}, options)
            if status != 200:
                raise CommandError(
                    f"Reversal refused: {reversal.get('code') if isinstance(reversal, dict) else reversal}"
                )
            self.stdout.write(self.style.MIGRATE_HEADING("5. The same notification after the reversal"))
            status, late = self._call(base, "payments", payment, options)
            if status != 409 or not isinstance(late, dict) or late.get("code") != "payment_reversed":
                raise CommandError("The notification after the reversal was not refused with payment_reversed.")
            self.stdout.write(self.style.SUCCESS("   Refused: the reversed payment's proof number is void."))
        void = " (void: the payment was reversed)" if options["reverse"] else ""
        self.stdout.write(self.style.SUCCESS(f"Done. Proof number: {first['proof_number']}{void}"))
