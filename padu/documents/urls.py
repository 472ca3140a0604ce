from django.urls import path

from padu.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.verify_upload, name="verify_upload"),
    path("<str:code>/", views.verify_code, name="verify_code"),
]
