from django.urls import path

from heard.counsel import views

app_name = "counsel"

# A client group (a bond's two people, or one person) is addressed by any of its connection ids.
urlpatterns = [
    # The counsellor's place: Clients.
    path("clients/", views.clients, name="clients"),
    path("clients/invite/", views.invite_create, name="invite"),
    path("clients/invite/<int:invite_id>/", views.invite_ready, name="invite_ready"),
    path("clients/invite/<int:invite_id>/cancel/", views.invite_revoke, name="invite_revoke"),
    path("clients/<int:connection_id>/", views.client, name="client"),
    path("clients/<int:connection_id>/assign/", views.assign, name="assign"),
    path("clients/<int:connection_id>/assign/quick/", views.assign_template, name="assign_quick"),
    path(
        "clients/<int:connection_id>/practice/<int:assignment_id>/withdraw/",
        views.assignment_withdraw,
        name="assignment_withdraw",
    ),
    path(
        "clients/<int:connection_id>/practice/<int:assignment_id>/save/",
        views.assignment_save,
        name="assignment_save",
    ),
    path("clients/<int:connection_id>/prep/", views.prep, name="prep"),
    path("clients/<int:connection_id>/end/", views.client_end, name="client_end"),
    path("clients/<int:connection_id>/notes/", views.note_create, name="note_create"),
    path("clients/<int:connection_id>/notes/<int:note_id>/", views.note_edit, name="note_edit"),
    path(
        "clients/<int:connection_id>/notes/<int:note_id>/delete/",
        views.note_delete,
        name="note_delete",
    ),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:template_id>/delete/", views.template_delete, name="template_delete"),
    # The client's side.
    path("join/", views.join_code, name="join_code"),
    path("join/<str:token>/", views.join_link, name="join"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:connection_id>/withdraw/", views.withdraw, name="withdraw"),
    path("mine/<int:connection_id>/figures/", views.figures, name="figures"),
    path("mine/<int:connection_id>/items/", views.items, name="items"),
    path("practice/<int:assignment_id>/", views.practice, name="practice"),
    path("practice/<int:assignment_id>/start/", views.practice_start, name="practice_start"),
    path("practice/<int:assignment_id>/done/", views.practice_done, name="practice_done"),
    path("practice/<int:assignment_id>/share/", views.practice_share, name="practice_share"),
]
