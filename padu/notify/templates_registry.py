"""Notification templates shipped in code: key → language → channel → subject and body.

Other apps register their own keys at import time (e.g. in their `apps.py` `ready()`):

    from padu.notify.templates_registry import NotificationKind, Text, registry

    registry.register(NotificationKind(key="billing.paid", description="...", variables=(...), texts={...}))

Texts use Django template syntax, rendered in a restricted engine (see `rendering.py`).
Every key carries complete Indonesian (`id`) and English (`en`) texts for e-mail and SMS;
in-app messages fall back to the e-mail text and WhatsApp to the SMS text.
An agency (or the whole installation) may override any text in the admin.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

LANGUAGES = ("id", "en")
REQUIRED_CHANNELS = ("email", "sms")
# Where a channel has no text of its own, use the first of these that exists.
FALLBACK: dict[str, tuple[str, ...]] = {
    "email": ("inapp",),
    "inapp": ("email",),
    "sms": ("whatsapp", "email"),
    "whatsapp": ("sms", "email"),
}


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


@dataclass(frozen=True)
class NotificationKind:
    key: str
    description: str
    texts: dict[str, dict[str, Text]]  # language → channel → text
    variables: tuple[str, ...] = field(default_factory=tuple)

    def text(self, language: str, channel: str) -> Text:
        by_channel = self.texts.get(language) or self.texts["id"]
        for candidate in (channel, *FALLBACK.get(channel, ())):
            if candidate in by_channel:
                return by_channel[candidate]
        raise KeyError(f"{self.key}: no text for {language}/{channel}")


class Registry:
    def __init__(self) -> None:
        self._kinds: dict[str, NotificationKind] = {}

    def register(self, kind: NotificationKind) -> NotificationKind:
        if kind.key in self._kinds:
            raise ValueError(f"Notification key {kind.key!r} is already registered.")
        for language in LANGUAGES:
            for channel in REQUIRED_CHANNELS:
                if channel not in kind.texts.get(language, {}):
                    raise ValueError(f"Notification {kind.key!r} lacks the {language}/{channel} text.")
        self._kinds[kind.key] = kind
        return kind

    def get(self, key: str) -> NotificationKind:
        return self._kinds[key]

    def __contains__(self, key: object) -> bool:
        return key in self._kinds

    def __iter__(self) -> Iterator[NotificationKind]:
        return iter(sorted(self._kinds.values(), key=lambda k: k.key))


registry = Registry()


def _kind(key: str, description: str, variables: tuple[str, ...], **texts: dict[str, Text]) -> None:
    registry.register(NotificationKind(key=key, description=description, variables=variables, texts=texts))


_APP_VARS = ("name", "service", "number", "agency", "url")

_kind(
    "application.submitted",
    "A citizen's application was received.",
    (*_APP_VARS, "due_date"),
    id={
        "email": Text(
            "Permohonan {{ number }} telah diterima",
            "Yth. {{ name }},\n\n"
            "Permohonan {{ service }} Anda dengan nomor {{ number }} telah kami terima di {{ agency }}."
            "{% if due_date %} Perkiraan selesai: {{ due_date }}.{% endif %}\n\n"
            "Pantau statusnya di {{ url }}\n\nTerima kasih,\n{{ agency }}",
        ),
        "sms": Text(
            "",
            "{{ agency }}: permohonan {{ service }} no. {{ number }} diterima."
            "{% if due_date %} Perkiraan selesai {{ due_date }}.{% endif %} Status: {{ url }}",
        ),
    },
    en={
        "email": Text(
            "Application {{ number }} has been received",
            "Dear {{ name }},\n\n"
            "We have received your {{ service }} application, number {{ number }}, at {{ agency }}."
            "{% if due_date %} Expected completion: {{ due_date }}.{% endif %}\n\n"
            "Follow its status at {{ url }}\n\nThank you,\n{{ agency }}",
        ),
        "sms": Text(
            "",
            "{{ agency }}: {{ service }} application no. {{ number }} received."
            "{% if due_date %} Expected by {{ due_date }}.{% endif %} Status: {{ url }}",
        ),
    },
)

_kind(
    "application.returned",
    "An application was returned to the applicant to be completed or corrected.",
    (*_APP_VARS, "reason"),
    id={
        "email": Text(
            "Permohonan {{ number }} perlu dilengkapi",
            "Yth. {{ name }},\n\n"
            "Permohonan {{ service }} Anda dengan nomor {{ number }} dikembalikan untuk dilengkapi atau diperbaiki."
            "\n\nAlasan: {{ reason }}\n\n"
            "Silakan perbaiki dan kirim kembali melalui {{ url }}\n\nTerima kasih,\n{{ agency }}",
        ),
        "sms": Text(
            "",
            "{{ agency }}: permohonan no. {{ number }} perlu dilengkapi. Alasan: {{ reason|truncatechars:80 }}."
            " Perbaiki di {{ url }}",
        ),
    },
    en={
        "email": Text(
            "Application {{ number }} needs more information",
            "Dear {{ name }},\n\n"
            "Your {{ service }} application, number {{ number }}, has been returned to you to complete or correct."
            "\n\nReason: {{ reason }}\n\n"
            "Please correct it and send it again at {{ url }}\n\nThank you,\n{{ agency }}",
        ),
        "sms": Text(
            "",
            "{{ agency }}: application no. {{ number }} needs more information. Reason:"
            " {{ reason|truncatechars:80 }}. Correct it at {{ url }}",
        ),
    },
)

_kind(
    "application.rejected",
    "An application was rejected.",
    (*_APP_VARS, "reason"),
    id={
        "email": Text(
            "Permohonan {{ number }} ditolak",
            "Yth. {{ name }},\n\n"
            "Dengan menyesal kami sampaikan bahwa permohonan {{ service }} Anda dengan nomor {{ number }} ditolak."
            "\n\nAlasan: {{ reason }}\n\n"
            "Rincian dan cara mengajukan keberatan ada di {{ url }}\n\nHormat kami,\n{{ agency }}",
        ),
        "sms": Text(
            "",
            "{{ agency }}: permohonan no. {{ number }} ditolak. Alasan: {{ reason|truncatechars:80 }}."
            " Rincian: {{ url }}",
        ),
    },
    en={
        "email": Text(
            "Application {{ number }} has been rejected",
            "Dear {{ name }},\n\n"
            "We regret to tell you that your {{ service }} application, number {{ number }}, has been rejected."
            "\n\nReason: {{ reason }}\n\n"
            "Details, and how to object, are at {{ url }}\n\nYours sincerely,\n{{ agency }}",
        ),
        "sms": Text(
            "",
            "{{ agency }}: application no. {{ number }} rejected. Reason: {{ reason|truncatechars:80 }}."
            " Details: {{ url }}",
        ),
    },
)

_kind(
    "application.approved",
    "An application was approved.",
    _APP_VARS,
    id={
        "email": Text(
            "Permohonan {{ number }} disetujui",
            "Yth. {{ name }},\n\n"
            "Permohonan {{ service }} Anda dengan nomor {{ number }} telah disetujui. "
            "Kami akan memberi tahu Anda saat dokumennya siap.\n\n"
            "Rincian: {{ url }}\n\nTerima kasih,\n{{ agency }}",
        ),
        "sms": Text("", "{{ agency }}: permohonan {{ service }} no. {{ number }} disetujui. Rincian: {{ url }}"),
    },
    en={
        "email": Text(
            "Application {{ number }} has been approved",
            "Dear {{ name }},\n\n"
            "Your {{ service }} application, number {{ number }}, has been approved. "
            "We will tell you when the document is ready.\n\n"
            "Details: {{ url }}\n\nThank you,\n{{ agency }}",
        ),
        "sms": Text("", "{{ agency }}: {{ service }} application no. {{ number }} approved. Details: {{ url }}"),
    },
)

_kind(
    "document.ready",
    "An issued document (letter, licence) is ready to download or collect.",
    ("name", "document", "number", "agency", "url"),
    id={
        "email": Text(
            "Dokumen {{ document }} sudah siap",
            "Yth. {{ name }},\n\n"
            "{{ document }} dengan nomor {{ number }} sudah terbit dan ditandatangani secara elektronik.\n\n"
            "Unduh di {{ url }}\n\n"
            "Keaslian dokumen dapat diperiksa dengan memindai kode QR pada dokumen.\n\nTerima kasih,\n{{ agency }}",
        ),
        "sms": Text("", "{{ agency }}: {{ document }} no. {{ number }} sudah siap. Unduh: {{ url }}"),
    },
    en={
        "email": Text(
            "Your {{ document }} is ready",
            "Dear {{ name }},\n\n"
            "{{ document }} number {{ number }} has been issued and signed electronically.\n\n"
            "Download it at {{ url }}\n\n"
            "Anyone can check that it is genuine by scanning the QR code on the document.\n\n"
            "Thank you,\n{{ agency }}",
        ),
        "sms": Text("", "{{ agency }}: {{ document }} no. {{ number }} is ready. Download: {{ url }}"),
    },
)

_kind(
    "case.near_due",
    "To staff: a case assigned to them is close to its deadline.",
    ("name", "case", "number", "due_date", "agency", "url"),
    id={
        "email": Text(
            "Segera jatuh tempo: {{ case }} {{ number }}",
            "Yth. {{ name }},\n\n"
            "{{ case }} nomor {{ number }} harus diselesaikan paling lambat {{ due_date }}.\n\n"
            "Buka di {{ url }}\n\n{{ agency }}",
        ),
        "sms": Text("", "{{ agency }}: {{ case }} no. {{ number }} jatuh tempo {{ due_date }}. {{ url }}"),
    },
    en={
        "email": Text(
            "Due soon: {{ case }} {{ number }}",
            "Dear {{ name }},\n\n"
            "{{ case }} number {{ number }} must be completed by {{ due_date }}.\n\n"
            "Open it at {{ url }}\n\n{{ agency }}",
        ),
        "sms": Text("", "{{ agency }}: {{ case }} no. {{ number }} is due {{ due_date }}. {{ url }}"),
    },
)
