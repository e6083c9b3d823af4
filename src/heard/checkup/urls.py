from django.urls import path

from heard.checkup import views

app_name = "checkup"

urlpatterns = [
    path("", views.checkup_home, name="home"),
    path("take/", views.checkup_take, name="take_solo"),
    path("take/<int:bond_id>/", views.checkup_take, name="take"),
    path("results/<int:result_id>/", views.checkup_result, name="result"),
    path("results/<int:result_id>/share/", views.checkup_share, name="share"),
    path("together/<int:bond_id>/", views.checkup_together, name="together"),
]
