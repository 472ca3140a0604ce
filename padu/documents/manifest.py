"""Documents: issued letters, their verification page and signatures."""

from padu.core.manifest import Manifest

MANIFEST = Manifest(label="documents", isolation="padu.documents.tests.isolation")
