from django.urls import path

from heard.quality import views

app_name = "quality"

urlpatterns = [
    path("", views.home, name="home"),
    path("ideas/", views.ideas, name="ideas"),
    path("ideas/surprise/", views.surprise, name="surprise"),
    path("ideas/<slug:activity_id>/", views.idea, name="idea"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/respond/", views.plan_respond, name="respond"),
    path("plans/<int:plan_id>/outcome/", views.plan_outcome, name="outcome"),
    path("plans/<int:plan_id>/now/", views.together_now, name="now"),
    path("plans/<int:plan_id>/rate/", views.plan_rate, name="rate"),
    path("plans/<int:plan_id>/plan.ics", views.plan_ics, name="plan_ics"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
    path("reminders/", views.reminders, name="reminders"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
