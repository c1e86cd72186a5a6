from django.urls import path

from submissions import views, views_achievements, views_files, views_items

app_name = "submissions"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("unit/liaisons/", views.LiaisonListView.as_view(), name="liaisons"),
    path("unit/liaisons/<int:pk>/", views.LiaisonEditView.as_view(), name="liaison_edit"),
    path("unit/activities/", views_items.ActivityListView.as_view(), name="activities"),
    path("unit/activities/<int:pk>/", views_items.ActivityEditView.as_view(), name="activity_edit"),
    path("requirements/<int:pk>/", views_achievements.requirement_page, name="requirement"),
    path(
        "requirements/<int:pk>/template/",
        views_items.RequirementTemplateView.as_view(),
        name="requirement_template",
    ),
    path(
        "requirements/<int:pk>/statistics/",
        views_achievements.StatisticsView.as_view(),
        name="statistics",
    ),
    path(
        "requirements/<int:pk>/statistics/template.xlsx",
        views_achievements.StatisticsTemplateView.as_view(),
        name="statistics_template",
    ),
    path("items/<int:pk>/", views_achievements.item_page, name="item"),
    path("items/<int:pk>/checks/", views_items.ItemChecksView.as_view(), name="item_checks"),
    path("items/<int:pk>/qr.svg", views_items.ItemQRView.as_view(), name="item_qr"),
    path("files/<int:pk>/", views_files.download, name="file_download"),
    path("files/<int:pk>/preview/", views_files.preview, name="file_preview"),
    path("files/<int:pk>/stream/", views_files.stream, name="file_stream"),
    path("exports/<int:pk>/", views_files.export_download, name="export_download"),
]
