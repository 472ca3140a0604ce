"""Population register (penduduk, keluarga, rumah tangga): the village's register with its
territory, life events, imports, statutory books, public statistics, letters filled from the
register and accounts linked to residents."""

from padu.core.manifest import Manifest

MANIFEST = Manifest(
    label="registries",
    public_urls="padu.registries.web.urls",
    console_urls="padu.registries.web.console_urls",
    api=(
        "padu.registries.api.residents.router",
        "padu.registries.api.imports.router",
        "padu.registries.api.books.router",
        "padu.registries.api.statistics.router",
        "padu.registries.api.linking.router",
    ),
    isolation="padu.registries.tests.isolation",
)
