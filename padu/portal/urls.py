from django.urls import path

from padu.information.feeds import AgencyNewsAtom, AgencyNewsRss
from padu.portal import billingadmin as billing_admin
from padu.portal import billingpages as billing_pages
from padu.portal import billingreports as billing_reports
from padu.portal import (
    casework,
    complaintadmin,
    complaintpages,
    console,
    ppidadmin,
    ppidpages,
    serviceadmin,
    servicepages,
    views,
)
from padu.portal import publicationadmin as publication_admin
from padu.portal import publicationpages as publication_pages

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("bahasa/<str:code>/", views.language, name="language"),
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
    # News and announcements, the JDIH register (legal documents)
    path("berita/", publication_pages.news_all, name="news"),
    path("berita/gambar/<int:item_id>/", publication_pages.news_cover, name="news_cover"),
    path("instansi/<slug:slug>/berita/", publication_pages.news_agency, name="agency_news"),
    path("instansi/<slug:slug>/berita/rss/", AgencyNewsRss(), name="agency_news_rss"),
    path("instansi/<slug:slug>/berita/atom/", AgencyNewsAtom(), name="agency_news_atom"),
    path("instansi/<slug:slug>/berita/<slug:news_slug>/", publication_pages.news_item, name="news_item"),
    path("jdih/", publication_pages.legal_list, name="legal_list"),
    path("jdih/<str:key>/", publication_pages.legal_document, name="legal_document"),
    path("jdih/<str:key>/unduh/", publication_pages.legal_document_pdf, name="legal_document_pdf"),
    path("konsol/berita/", publication_admin.news_list, name="console_news"),
    path("konsol/berita/baru/", publication_admin.news_new, name="console_news_new"),
    path("konsol/berita/<int:item_id>/", publication_admin.news_edit, name="console_news_edit"),
    path("konsol/berita/<int:item_id>/terbitkan/", publication_admin.news_publish_view, name="console_news_publish"),
    path("konsol/berita/<int:item_id>/tarik/", publication_admin.news_unpublish_view, name="console_news_unpublish"),
    path("konsol/jdih/", publication_admin.legal_list_view, name="console_legal"),
    path("konsol/jdih/baru/", publication_admin.legal_new, name="console_legal_new"),
    path("konsol/jdih/<int:document_id>/", publication_admin.legal_edit, name="console_legal_edit"),
    path(
        "konsol/jdih/<int:document_id>/terbitkan/", publication_admin.legal_publish_view, name="console_legal_publish"
    ),
    path(
        "konsol/jdih/<int:document_id>/tarik/", publication_admin.legal_unpublish_view, name="console_legal_unpublish"
    ),
    path(
        "konsol/jdih/<int:document_id>/relasi/",
        publication_admin.legal_relation_add_view,
        name="console_legal_relation_add",
    ),
    path(
        "konsol/jdih/<int:document_id>/relasi/<int:relation_id>/hapus/",
        publication_admin.legal_relation_remove_view,
        name="console_legal_relation_remove",
    ),
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
    path("pengaduan/", complaintpages.public_list, name="complaints"),
    path("pengaduan/kirim/", complaintpages.submit, name="complaint_submit"),
    path("pengaduan/lacak/", complaintpages.track, name="complaint_track"),
    path("pengaduan/statistik/", complaintpages.statistics, name="complaint_stats"),
    path("pengaduan/lampiran/<int:attachment_id>/", complaintpages.attachment, name="complaint_attachment"),
    path("pengaduan/<str:number>/", complaintpages.public_page, name="complaint_public"),
    path("akun/pengaduan/", complaintpages.my_list, name="my_complaints"),
    path("akun/pengaduan/<int:complaint_id>/", complaintpages.my_detail, name="my_complaint"),
    path("konsol/pengaduan/", complaintadmin.inbox_page, name="console_complaints"),
    path("konsol/pengaduan/ekspor/", complaintadmin.export, name="console_complaints_export"),
    path("konsol/pengaduan/<int:complaint_id>/", complaintadmin.case_page, name="console_complaint"),
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
    # Public information (PPID, UU 14/2008)
    path("ppid/", ppidpages.ppid_index, name="ppid"),
    path("ppid/<slug:slug>/", ppidpages.agency_ppid, name="ppid_agency"),
    path("ppid/<slug:slug>/daftar-informasi/", ppidpages.public_information, name="ppid_dip"),
    path(
        "ppid/<slug:slug>/daftar-informasi/<int:item_id>/unduh/",
        ppidpages.public_information_file,
        name="ppid_dip_file",
    ),
    path("ppid/<slug:slug>/ajukan/", ppidpages.request_new, name="ppid_request_new"),
    path("akun/ppid/", ppidpages.my_request_list, name="my_ppid_requests"),
    path("akun/ppid/<int:request_id>/", ppidpages.my_request_page, name="my_ppid_request"),
    path("akun/ppid/<int:request_id>/keberatan/", ppidpages.objection_new, name="my_ppid_objection"),
    path("akun/ppid/berkas/<int:file_id>/", ppidpages.my_file, name="my_ppid_file"),
    path("konsol/ppid/", ppidadmin.inbox, name="console_ppid"),
    path("konsol/ppid/permohonan/<int:request_id>/", ppidadmin.case, name="console_ppid_case"),
    path("konsol/ppid/berkas/<int:file_id>/", ppidadmin.case_file, name="console_ppid_file"),
    path("konsol/ppid/daftar-informasi/", ppidadmin.public_information_list, name="console_ppid_dip"),
    path("konsol/ppid/daftar-informasi/baru/", ppidadmin.public_information_new, name="console_ppid_dip_new"),
    path(
        "konsol/ppid/daftar-informasi/<int:item_id>/",
        ppidadmin.public_information_edit,
        name="console_ppid_dip_edit",
    ),
    path(
        "konsol/ppid/daftar-informasi/<int:item_id>/unduh/",
        ppidadmin.public_information_file,
        name="console_ppid_dip_file",
    ),
    path("konsol/ppid/laporan/", ppidadmin.report, name="console_ppid_report"),
    path("konsol/ppid/laporan/unduh/", ppidadmin.report_download, name="console_ppid_report_xlsx"),
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

# E-billing: the treasurer's reconciliation of settlement statements, the revenue report.
urlpatterns += [
    path("konsol/tagihan/rekonsiliasi/", billing_reports.reconciliation, name="console_reconciliation"),
    path("konsol/tagihan/rekonsiliasi/<int:statement_id>/", billing_reports.statement, name="console_settlement"),
    path(
        "konsol/tagihan/rekonsiliasi/<int:statement_id>/berkas/",
        billing_reports.statement_file,
        name="console_settlement_file",
    ),
    path(
        "konsol/tagihan/rekonsiliasi/<int:statement_id>/baris/<int:line_id>/",
        billing_reports.statement_line,
        name="console_settlement_line",
    ),
    path(
        "konsol/tagihan/rekonsiliasi/<int:statement_id>/baris/<int:line_id>/bukti/",
        billing_reports.statement_line_proof,
        name="console_settlement_proof",
    ),
    path("konsol/tagihan/laporan/", billing_reports.revenue, name="console_revenue"),
    path("konsol/tagihan/laporan/unduh/<str:fmt>/", billing_reports.revenue_download, name="console_revenue_download"),
]
