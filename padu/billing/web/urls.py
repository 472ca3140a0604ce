"""Public and account pages of billing (mounted at the site root, in the site namespace)."""

from django.urls import path

from padu.billing.web import pages

urlpatterns = [
    path("bayar/", pages.bill_lookup, name="bill_lookup"),
    path("bayar/bukti/<str:verification_code>/", pages.receipt_verify, name="receipt_verify"),
    path("bayar/<str:code>/", pages.bill_page, name="bill_public"),
    path("bayar/<str:code>/pdf/", pages.bill_page_pdf, name="bill_public_pdf"),
    path("akun/tagihan/", pages.my_bill_list, name="my_bills"),
    path("akun/tagihan/<int:bill_id>/", pages.my_bill, name="my_bill"),
    path("akun/tagihan/<int:bill_id>/pdf/", pages.my_bill_pdf, name="my_bill_pdf"),
    path("akun/tagihan/<int:bill_id>/bukti/", pages.my_receipt_pdf, name="my_receipt_pdf"),
]
