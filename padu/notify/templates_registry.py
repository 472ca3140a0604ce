"""Notification templates shipped in code: key → language → channel → subject and body.

Each app declares its own kinds in a function its manifest names (`notifications=`), run once
the apps are loaded, through the kit (padu.notify.kit):

    from padu.notify.kit import Text, declare

    def register_notifications() -> None:
        declare("billing.paid", "To the payer: ...", ("name", ...), id={...}, en={...})

Declaring is idempotent: the same kind declared again is kept; another kind under a taken key
is refused.

Texts use Django template syntax, rendered in a restricted engine (see `rendering.py`).
Every key carries complete Indonesian (`id`) and English (`en`) texts for email and SMS;
in-app messages fall back to the email text and WhatsApp to the SMS text.
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

    def declare(self, kind: NotificationKind) -> NotificationKind:
        """Register `kind` unless it is registered already (an app may declare its kinds more
        than once); a different kind under a taken key is refused."""
        existing = self._kinds.get(kind.key)
        if existing is None:
            return self.register(kind)
        if existing != kind:
            raise ValueError(f"Notification key {kind.key!r} is already registered with other texts.")
        return existing

    def kind(
        self, key: str, description: str, variables: tuple[str, ...], **texts: dict[str, Text]
    ) -> NotificationKind:
        """Declare a kind from its parts: `id={channel: Text}`, `en={...}`."""
        return self.declare(NotificationKind(key=key, description=description, variables=variables, texts=texts))

    def get(self, key: str) -> NotificationKind:
        return self._kinds[key]

    def __contains__(self, key: object) -> bool:
        return key in self._kinds

    def __iter__(self) -> Iterator[NotificationKind]:
        return iter(sorted(self._kinds.values(), key=lambda k: k.key))


registry = Registry()

# Kinds any app may send (a document is ready, a case is near its deadline); the others are
# declared by the apps that send them.

registry.kind(
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

registry.kind(
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
