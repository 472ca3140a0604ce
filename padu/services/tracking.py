"""Tracking numbers of applications: the kernel's scheme (`padu.core.tracking`)."""

from padu.core.tracking import ALPHABET, CHECK_ALPHABET, check_symbol, new_tracking_number, normalise_tracking_number

__all__ = ["ALPHABET", "CHECK_ALPHABET", "check_symbol", "new_tracking_number", "normalise_tracking_number"]
