from django.urls import path

from heard.learn import views

app_name = "learn"

_lesson = "<slug:lesson_id>/"
_exercise = "exercise/<slug:exercise_id>/"

urlpatterns = [
    path("", views.home, name="home"),
    path(_exercise, views.exercise, name="exercise"),
    path(_exercise + "<int:entry_id>/", views.exercise_entry, name="exercise_entry"),
    path(_exercise + "<int:entry_id>/delete/", views.exercise_delete, name="exercise_delete"),
    path(_lesson, views.lesson, name="lesson"),
    path(_lesson + "read/", views.mark_read, name="read"),
    path(_lesson + "practice/", views.practice, name="practice"),
    path(_lesson + "together/<int:bond_id>/", views.together, name="together"),
    path(_lesson + "together/<int:bond_id>/prompt/", views.together_prompt, name="together_prompt"),
]
