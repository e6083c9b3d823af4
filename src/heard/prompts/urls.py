from django.urls import path

from heard.prompts import views

app_name = "prompts"

_exchange = "<int:bond_id>/e/<int:exchange_id>/"

urlpatterns = [
    path("<int:bond_id>/", views.today, name="today"),
    path("<int:bond_id>/history/", views.history, name="history"),
    path("<int:bond_id>/depth/", views.depth, name="depth"),
    path(_exchange, views.exchange_detail, name="exchange"),
    path(_exchange + "answer/", views.answer, name="answer"),
    path(_exchange + "draft/", views.draft, name="draft"),
    path(_exchange + "status/", views.status, name="status"),
    path(_exchange + "swap/", views.swap, name="swap"),
    path(_exchange + "skip/", views.skip, name="skip"),
    path(_exchange + "react/", views.react, name="react"),
    path(_exchange + "reply/", views.reply, name="reply"),
    path(_exchange + "reply/<int:reply_id>/share/", views.reply_share, name="reply_share"),
]
