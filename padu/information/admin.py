"""Django admin of padu.information: each area registers its models in its own module."""

from padu.information import ppid_admin  # noqa: F401
