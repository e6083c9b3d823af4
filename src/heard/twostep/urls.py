from django.urls import path

from heard.twostep import views

app_name = "twostep"

# Mounted at /account/, before the accounts app's own pages.
urlpatterns = [
    path("two-step/", views.manage, name="manage"),
    path("login/code/", views.login_code, name="login_code"),
]
