"""Public and account pages of billing (mounted at the site root, in the site namespace)."""

from django.urls import path

from padu.portal import billingpages as billing_pages

urlpatterns = [
    path("bayar/", billing_pages.bill_lookup, name="bill_lookup"),
    path("bayar/bukti/<str:verification_code>/", billing_pages.receipt_verify, name="receipt_verify"),
    path("bayar/<str:code>/", billing_pages.bill_page, name="bill_public"),
    path("bayar/<str:code>/pdf/", billing_pages.bill_page_pdf, name="bill_public_pdf"),
    path("akun/tagihan/", billing_pages.my_bill_list, name="my_bills"),
    path("akun/tagihan/<int:bill_id>/", billing_pages.my_bill, name="my_bill"),
    path("akun/tagihan/<int:bill_id>/pdf/", billing_pages.my_bill_pdf, name="my_bill_pdf"),
    path("akun/tagihan/<int:bill_id>/bukti/", billing_pages.my_receipt_pdf, name="my_receipt_pdf"),
]
