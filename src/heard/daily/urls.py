from django.urls import path

from heard.daily import views

app_name = "daily"

urlpatterns = [
    path("checkin/", views.checkin, name="checkin"),
]
