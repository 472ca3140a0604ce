"""(being written)"""

from django.urls import URLPattern

console_urlpatterns: list[URLPattern] = []
public_urlpatterns: list[URLPattern] = []
