from django.urls import path

from heard.safety import views

app_name = "safety"

urlpatterns = [
    path("screening/<int:bond_id>/", views.screening, name="screening"),
    path("paused/<int:bond_id>/", views.paused, name="paused"),
    path("paused/<int:bond_id>/lift/", views.pause_lift, name="pause_lift"),
    path("history/", views.history, name="history"),
    path("history/<int:event_id>/share/", views.event_share, name="event_share"),
    path("history/<int:event_id>/delete/", views.event_delete, name="event_delete"),
]
