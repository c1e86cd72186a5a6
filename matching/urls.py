from django.urls import path

from matching.views import activation, printing, public, unit

app_name = "matching"

urlpatterns = [
    path("boards/<slug:board>/", public.board, name="board"),
    path("items/<int:pk>/", public.item, name="item"),
    path("items/<int:pk>/answered/", public.answered, name="answered"),
    path("unit/", unit.UnitHome.as_view(), name="unit_home"),
    path("unit/items/new/", unit.ItemEdit.as_view(), name="item_new"),
    path("unit/items/<int:pk>/", unit.ItemEdit.as_view(), name="item_edit"),
    path("unit/template.xlsx", unit.TableTemplate.as_view(), name="template"),
    path("activate/<str:uidb64>/<str:token>/", activation.activate_account, name="activate"),
    path("print/<slug:board>.pdf", printing.board_print, name="print"),
]
