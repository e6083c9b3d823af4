from django.urls import path

from heard.bonds import views

app_name = "bonds"

urlpatterns = [
    path("", views.bond_list, name="list"),
    path("invite/", views.invite_create, name="invite"),
    path("invite/<int:invite_id>/", views.invite_ready, name="invite_ready"),
    path("invite/<int:invite_id>/cancel/", views.invite_revoke, name="invite_revoke"),
    path("<int:bond_id>/", views.bond_detail, name="detail"),
    path("<int:bond_id>/leave/", views.bond_leave, name="leave"),
    path("<int:bond_id>/ended/", views.bond_end_seen, name="end_seen"),
]

join_patterns = [
    path("join/", views.join_code, name="join_code"),
    path("join/<str:token>/", views.join_link, name="join"),
]
