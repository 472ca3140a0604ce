from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@login_required
def mfa_required(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@login_required
def console(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")
