from django.urls import path

from tests.sample_module import views

urlpatterns = [path("papan/<slug:slug>/", views.board, name="sample_board")]
