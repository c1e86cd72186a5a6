"""Resumable uploads (tus); mounted under ``uploads/`` by ``ciep_portal.urls``."""

from django.urls import path

from uploads import views

app_name = "uploads"

urlpatterns = [
    path("", views.UploadCreateView.as_view(), name="create"),
    path("<uuid:upload_id>/", views.UploadView.as_view(), name="upload"),
]
