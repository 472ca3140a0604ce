"""Notifications: the in-app inbox and the agencies' outboxes."""

from padu.core.manifest import Manifest

MANIFEST = Manifest(label="notify", api=("padu.notify.api.router",), isolation="padu.notify.tests.isolation")
