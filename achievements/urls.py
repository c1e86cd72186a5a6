"""The statistics grid and its workbook. Mounted in the ``submissions`` namespace by
``ciep_portal.urls``, beside the requirement pages they belong to."""

from django.urls import path

from achievements import views

urlpatterns = [
    path(
        "requirements/<int:pk>/statistics/",
        views.StatisticsView.as_view(),
        name="statistics",
    ),
    path(
        "requirements/<int:pk>/statistics/template.xlsx",
        views.StatisticsTemplateView.as_view(),
        name="statistics_template",
    ),
]
