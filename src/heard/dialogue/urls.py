from django.urls import path

from heard.dialogue.views import comfort, dialogue, practice, say_it

app_name = "dialogue"

# /talk/ itself is the core hub page listing the "talk" sections.
urlpatterns = [
    path("start/<int:bond_id>/", dialogue.start, name="start"),
    path("d/<int:dialogue_id>/", dialogue.detail, name="detail"),
    path("d/<int:dialogue_id>/status/", dialogue.status, name="status"),
    path("d/<int:dialogue_id>/draft/", dialogue.draft, name="draft"),
    path("d/<int:dialogue_id>/<slug:action>/", dialogue.act, name="act"),
    path("practice/", practice.home, name="practice"),
    path("practice/next/", practice.pick, name="practice_pick"),
    path("practice/<slug:scenario_id>/", practice.scenario, name="practice_scenario"),
    path("practice/<slug:scenario_id>/feedback/", practice.feedback, name="practice_feedback"),
    path("say-it/", say_it.page, name="say_it"),
    path("say-it/check/", say_it.check, name="say_it_check"),
    path("say-it/start/", say_it.start, name="say_it_start"),
    path("feelings/", say_it.feelings, name="feelings"),
    path("comfort/send/<int:bond_id>/", comfort.send, name="comfort_send"),
    path("comfort/<int:request_id>/", comfort.answer, name="comfort"),
]
