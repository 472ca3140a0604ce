"""Public verification pages: by the code in the QR, or by uploading the PDF."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from padu.core.errors import NotFound
from padu.documents.forms import VerifyUploadForm
from padu.documents.selectors import document_public_get, document_verify_upload


@require_http_methods(["GET"])
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    try:
        document = document_public_get(code)
    except NotFound:
        return render(request, "documents/verify_code.html", {"document": None, "code": code}, status=404)
    return render(request, "documents/verify_code.html", {"document": document, "code": code})


@require_http_methods(["GET", "POST"])
def verify_upload(request: HttpRequest) -> HttpResponse:
    result = None
    if request.method == "POST":
        form = VerifyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = document_verify_upload(form.cleaned_data["document"])
            form = VerifyUploadForm()
    else:
        form = VerifyUploadForm()
    return render(request, "documents/verify_upload.html", {"form": form, "result": result})
