"""The shell's own pages, then every app's pages from its manifest (padu.core.manifest)."""

from django.urls import URLPattern, URLResolver, include, path

from padu.core.manifest import manifests
from padu.portal import console, views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("bahasa/<str:code>/", views.language, name="language"),
    path("kontak/", views.statement, {"which": "contact"}, name="statement_contact"),
    path("privasi/", views.statement, {"which": "privacy"}, name="statement_privacy"),
    path("aksesibilitas/", views.statement, {"which": "accessibility"}, name="statement_accessibility"),
    path("wilayah/pilih/", views.region_picker, name="region_picker"),
    path("instansi/<slug:slug>/", views.agency_page, name="agency"),
    path("akun/", views.account, name="account"),
    path("akun/profil/", views.profile_edit, name="profile_edit"),
    path("akun/usaha/baru/", views.business_new, name="business_new"),
    path("akun/ekspor/", views.account_export_view, name="account_export"),
    path("akun/keamanan/wajib-2fa/", views.mfa_required, name="mfa_required"),
    path("konsol/", console.overview, name="console"),
    path("konsol/pilih/", console.switch_agency, name="console_switch"),
    path("konsol/staf/", console.staff, name="console_staff"),
    path("konsol/audit/", console.audit, name="console_audit"),
    path("konsol/kalender/", console.calendar, name="console_calendar"),
    path("konsol/kalender/<int:holiday_id>/hapus/", console.holiday_delete, name="console_holiday_delete"),
    path("konsol/token/", console.tokens, name="console_tokens"),
    path("konsol/token/<int:token_id>/cabut/", console.token_revoke, name="console_token_revoke"),
    path("konsol/warga/", console.citizen_lookup, name="console_citizens"),
]

# Each app's pages, in the site namespace (a page keeps its name `portal:<name>` wherever it lives).
for _manifest in manifests():
    if _manifest.public_urls:
        urlpatterns.append(path("", include(_manifest.public_urls)))
    if _manifest.console_urls:
        urlpatterns.append(path("konsol/", include(_manifest.console_urls)))
