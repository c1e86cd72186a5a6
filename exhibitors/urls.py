from django.urls import path

from exhibitors import downloads, views

app_name = "exhibitors"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("apply/", views.ApplicationFormView.as_view(), name="apply"),
    path("applications/<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("applications/<int:pk>/edit/", views.ApplicationFormView.as_view(), name="edit"),
    path("applications/<int:pk>/enterprises/", views.EnterprisesView.as_view(), name="enterprises"),
    path("applications/<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("applications/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path(
        "applications/<int:pk>/pictures/", views.PictureUploadView.as_view(), name="picture_upload"
    ),
    path(
        "applications/<int:pk>/pictures/<int:picture_pk>/delete/",
        views.PictureDeleteView.as_view(),
        name="picture_delete",
    ),
    path("applications/<int:pk>/messages/", views.MessageView.as_view(), name="message"),
    path(
        "applications/<int:pk>/agreement.docx",
        views.agreement_download,
        name="agreement_download",
    ),
    path(
        "applications/<int:pk>/agreement/upload/",
        views.AgreementUploadView.as_view(),
        name="agreement_upload",
    ),
    path("files/scans/<int:pk>/", downloads.scan_download, name="scan_download"),
    path("files/pictures/<int:pk>/", downloads.picture_download, name="picture_download"),
]
