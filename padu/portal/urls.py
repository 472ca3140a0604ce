from django.urls import path

from padu.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("akun/", views.account, name="account"),
    path("akun/keamanan/wajib-2fa/", views.mfa_required, name="mfa_required"),
    path("konsol/", views.console, name="console"),
]
