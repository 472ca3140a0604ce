"""Notifications: the in-app inbox and the agencies' outboxes."""

from padu.core.manifest import Manifest

MANIFEST = Manifest(label="notify", isolation="padu.notify.tests.isolation")
