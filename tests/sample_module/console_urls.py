from django.urls import path

from tests.sample_module import views

urlpatterns = [path("papan/", views.console_board, name="sample_console")]
