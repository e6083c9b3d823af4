from django.urls import path

from heard.checkup import views, views_daily, views_together

app_name = "checkup"

urlpatterns = [
    path("", views.checkup_home, name="home"),
    path("take/", views.checkup_take, name="take_solo"),
    path("take/<int:bond_id>/", views.checkup_take, name="take"),
    path("results/<int:result_id>/", views.checkup_result, name="result"),
    path("results/<int:result_id>/share/", views.checkup_share, name="share"),
    path("together/<int:bond_id>/", views.checkup_together, name="together"),
    path("checkin/", views_daily.checkin, name="checkin"),
    path("love-languages/", views_together.love_languages_home, name="love_languages"),
    path("love-languages/take/", views_together.love_languages_take, name="love_languages_solo"),
    path(
        "love-languages/take/<int:bond_id>/",
        views_together.love_languages_take,
        name="love_languages_take",
    ),
    path(
        "love-languages/<int:result_id>/share/",
        views_together.love_languages_share,
        name="love_languages_share",
    ),
    path("appreciation/", views_together.appreciation_home, name="appreciation"),
    path("appreciation/<int:bond_id>/", views_together.appreciation_bond, name="appreciation_bond"),
    path(
        "appreciation/note/<int:note_id>/decide/",
        views_together.appreciation_decide,
        name="appreciation_decide",
    ),
]
