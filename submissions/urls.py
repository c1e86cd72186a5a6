from django.urls import path

from submissions import views

app_name = "submissions"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("unit/liaisons/", views.LiaisonListView.as_view(), name="liaisons"),
    path("unit/liaisons/<int:pk>/", views.LiaisonEditView.as_view(), name="liaison_edit"),
]
