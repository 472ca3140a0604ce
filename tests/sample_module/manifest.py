"""The notice board's manifest: everything the platform needs to know about the module."""

from __future__ import annotations

from padu.core.manifest import DemoContext, Manifest, MenuEntry
from padu.core.permissions import can_manage_agency


def seed(context: DemoContext) -> dict[str, int]:
    from padu.accounts.models import User
    from tests.sample_module.models import Notice

    village = context.agencies["desa-cileunyi-kulon"]
    if Notice.objects.filter(agency=village).exists():
        return {"notices": 0}
    author = User.objects.get(email="admin.cileunyikulon@padu.test")
    Notice.objects.create(agency=village, author=author, title="Kerja bakti Minggu pagi di balai desa")
    return {"notices": 1}


def notices_export(user: object) -> list[dict[str, str]]:
    from tests.sample_module.services import notices_export as export

    return export(user)


MANIFEST = Manifest(
    label="sample",
    public_urls="tests.sample_module.urls",
    console_urls="tests.sample_module.console_urls",
    menu=(MenuEntry("sample", "portal:sample_console", "Papan pengumuman", can_manage_agency, order=95),),
    export={"sample_notices": notices_export},
    demo=seed,
    demo_after=("accounts",),
    isolation="tests.sample_module.isolation",
)
