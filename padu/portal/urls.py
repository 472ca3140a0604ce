from django.urls import path

from padu.portal import billingadmin as billing_admin
from padu.portal import billingpages as billing_pages
from padu.portal import casework, console, serviceadmin, servicepages, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("wilayah/pilih/", views.region_picker, name="region_picker"),
    path("instansi/<slug:slug>/", views.agency_page, name="agency"),
    path("akun/", views.account, name="account"),
    path("akun/profil/", views.profile_edit, name="profile_edit"),
    path("akun/usaha/baru/", views.business_new, name="business_new"),
    path("akun/ekspor/", views.account_export_view, name="account_export"),
    path("akun/keamanan/wajib-2fa/", views.mfa_required, name="mfa_required"),
    path("layanan/", servicepages.catalogue, name="catalogue"),
    path("layanan/<slug:agency_slug>/<slug:slug>/", servicepages.service_page, name="service"),
    path("layanan/<slug:agency_slug>/<slug:slug>/ajukan/", servicepages.apply, name="apply"),
    path("lacak/", servicepages.track, name="track"),
    path("lacak/<str:number>/", servicepages.track_status, name="track_status"),
    path("akun/permohonan/", servicepages.my_application_list, name="my_applications"),
    path("akun/permohonan/<int:application_id>/", servicepages.my_application, name="my_application"),
    path("akun/berkas/<int:file_id>/", servicepages.my_application_file, name="my_application_file"),
    path(
        "akun/permohonan/<int:application_id>/survei/",
        servicepages.my_application_survey,
        name="my_application_survey",
    ),
    path(
        "akun/permohonan/<int:application_id>/dokumen/",
        servicepages.my_application_document,
        name="my_application_document",
    ),
    path("konsol/kotak-masuk/", casework.inbox_page, name="console_inbox"),
    path("konsol/permohonan/<int:application_id>/", casework.case_page, name="console_case"),
    path("konsol/berkas/<int:file_id>/", casework.case_file, name="console_case_file"),
    path("konsol/", console.overview, name="console"),
    path("konsol/pilih/", console.switch_agency, name="console_switch"),
    path("konsol/staf/", console.staff, name="console_staff"),
    path("konsol/audit/", console.audit, name="console_audit"),
    path("konsol/kalender/", console.calendar, name="console_calendar"),
    path("konsol/kalender/<int:holiday_id>/hapus/", console.holiday_delete, name="console_holiday_delete"),
    path("konsol/token/", console.tokens, name="console_tokens"),
    path("konsol/token/<int:token_id>/cabut/", console.token_revoke, name="console_token_revoke"),
    path("konsol/warga/", console.citizen_lookup, name="console_citizens"),
    path("konsol/layanan/", serviceadmin.service_list, name="console_services"),
    path("konsol/layanan/baru/", serviceadmin.service_new, name="console_service_new"),
    path("konsol/layanan/<int:version_id>/ubah/", serviceadmin.service_edit, name="console_service_edit"),
    path("konsol/layanan/<int:version_id>/pratinjau/", serviceadmin.service_preview, name="console_service_preview"),
    path(
        "konsol/layanan/<int:version_id>/terbitkan/",
        serviceadmin.service_publish_view,
        name="console_service_publish",
    ),
    path(
        "konsol/layanan/<int:version_id>/draf-baru/",
        serviceadmin.service_new_draft_view,
        name="console_service_new_draft",
    ),
    path(
        "konsol/layanan/<int:version_id>/pensiunkan/",
        serviceadmin.service_retire_view,
        name="console_service_retire",
    ),
    path("konsol/surat/", serviceadmin.letter_list, name="console_letters"),
    path("konsol/surat/baru/", serviceadmin.letter_new, name="console_letter_new"),
    path("konsol/surat/<slug:kind>/ubah/", serviceadmin.letter_edit, name="console_letter_edit"),
    path("konsol/surat/<slug:kind>/pratinjau/", serviceadmin.letter_preview, name="console_letter_preview"),
]

# E-billing: public bill and receipt pages, the payer's bills, the treasurer's console.
urlpatterns += [
    path("bayar/", billing_pages.bill_lookup, name="bill_lookup"),
    path("bayar/bukti/<str:verification_code>/", billing_pages.receipt_verify, name="receipt_verify"),
    path("bayar/<str:code>/", billing_pages.bill_page, name="bill_public"),
    path("bayar/<str:code>/pdf/", billing_pages.bill_page_pdf, name="bill_public_pdf"),
    path("akun/tagihan/", billing_pages.my_bill_list, name="my_bills"),
    path("akun/tagihan/<int:bill_id>/", billing_pages.my_bill, name="my_bill"),
    path("akun/tagihan/<int:bill_id>/pdf/", billing_pages.my_bill_pdf, name="my_bill_pdf"),
    path("akun/tagihan/<int:bill_id>/bukti/", billing_pages.my_receipt_pdf, name="my_receipt_pdf"),
    path(
        "akun/permohonan/<int:application_id>/tagihan-baru/",
        billing_pages.my_application_fee_renew,
        name="my_application_fee_renew",
    ),
    path("konsol/tagihan/", billing_admin.bill_list, name="console_bills"),
    path("konsol/tagihan/baru/", billing_admin.bill_new, name="console_bill_new"),
    path("konsol/tagihan/<int:bill_id>/", billing_admin.bill_detail, name="console_bill"),
    path("konsol/tagihan/<int:bill_id>/batal/", billing_admin.bill_cancel_post, name="console_bill_cancel"),
    path("konsol/tagihan/<int:bill_id>/refund/", billing_admin.bill_refund_post, name="console_bill_refund"),
    path(
        "konsol/tagihan/<int:bill_id>/refund/putuskan/",
        billing_admin.bill_refund_decide_post,
        name="console_bill_refund_decide",
    ),
    path("konsol/tagihan/<int:bill_id>/bukti/", billing_admin.bill_receipt_pdf, name="console_bill_receipt"),
    path("konsol/kanal-pembayaran/", billing_admin.channels, name="console_channels"),
    path(
        "konsol/kanal-pembayaran/<int:channel_id>/rahasia/",
        billing_admin.channel_rotate,
        name="console_channel_rotate",
    ),
    path(
        "konsol/kanal-pembayaran/<int:channel_id>/aktif/",
        billing_admin.channel_toggle,
        name="console_channel_toggle",
    ),
]
