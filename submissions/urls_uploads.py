"""Resumable uploads (tus); mounted under ``uploads/`` by ``ciep_portal.urls``."""

from django.urls import path

from submissions import views_uploads

app_name = "uploads"

urlpatterns = [
    path("", views_uploads.UploadCreateView.as_view(), name="create"),
    path("<uuid:upload_id>/", views_uploads.UploadView.as_view(), name="upload"),
]
