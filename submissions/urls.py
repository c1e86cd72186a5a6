from django.urls import path

from submissions.views import files, items, pages, unit, uploads

app_name = "submissions"

urlpatterns = [
    path("dashboard/", unit.DashboardView.as_view(), name="dashboard"),
    path("unit/liaisons/", unit.LiaisonListView.as_view(), name="liaisons"),
    path("unit/liaisons/<int:pk>/", unit.LiaisonEditView.as_view(), name="liaison_edit"),
    path("unit/activities/", items.ActivityListView.as_view(), name="activities"),
    path("unit/activities/<int:pk>/", items.ActivityEditView.as_view(), name="activity_edit"),
    path("requirements/<int:pk>/", pages.requirement_page, name="requirement"),
    path(
        "requirements/<int:pk>/template/",
        items.RequirementTemplateView.as_view(),
        name="requirement_template",
    ),
    path(
        "requirements/<int:pk>/upload-check/",
        uploads.UploadCheckView.as_view(),
        name="upload_check",
    ),
    path(
        "requirements/<int:pk>/precheck/",
        uploads.PrecheckView.as_view(),
        name="requirement_precheck",
    ),
    path("items/<int:pk>/", pages.item_page, name="item"),
    path("items/<int:pk>/checks/", items.ItemChecksView.as_view(), name="item_checks"),
    path("items/<int:pk>/qr.svg", items.ItemQRView.as_view(), name="item_qr"),
    path("files/<int:pk>/", files.download, name="file_download"),
    path("files/<int:pk>/preview/", files.preview, name="file_preview"),
    path("files/<int:pk>/stream/", files.stream, name="file_stream"),
    path("exports/<int:pk>/", files.export_download, name="export_download"),
]
