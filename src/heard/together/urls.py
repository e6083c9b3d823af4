from django.urls import path

from heard.together import views

app_name = "together"

urlpatterns = [
    path("love-languages/", views.love_languages_home, name="love_languages"),
    path("love-languages/take/", views.love_languages_take, name="love_languages_solo"),
    path(
        "love-languages/take/<int:bond_id>/",
        views.love_languages_take,
        name="love_languages_take",
    ),
    path(
        "love-languages/<int:result_id>/share/",
        views.love_languages_share,
        name="love_languages_share",
    ),
    path("appreciation/", views.appreciation_home, name="appreciation"),
    path("appreciation/<int:bond_id>/", views.appreciation_bond, name="appreciation_bond"),
    path(
        "appreciation/note/<int:note_id>/decide/",
        views.appreciation_decide,
        name="appreciation_decide",
    ),
]
