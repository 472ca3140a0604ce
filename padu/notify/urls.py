from django.urls import path

from padu.notify import views

app_name = "notify"

urlpatterns = [
    path("akun/pesan/", views.inbox, name="inbox"),
    path("akun/pesan/<int:message_id>/", views.message_detail, name="message"),
]
