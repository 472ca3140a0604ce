"""Text helpers: accent- and case-insensitive search keys."""

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def search_key(text: str) -> str:
    """`Cianjur`, `CIANJUR` and `Cìanjur` all become `cianjur`; punctuation becomes a space."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_WORD.sub(" ", ascii_only).strip()
