from django.contrib import admin
from django.urls import include, path

from heard.api import api
from heard.bonds.urls import join_patterns
from heard.core import views as core_views

core_patterns = (
    [
        path("", core_views.home, name="home"),
        path("welcome/", core_views.welcome, name="welcome"),
        path("talk/", core_views.talk, name="talk"),
        path("progress/", core_views.progress, name="progress"),
        path("help/", core_views.help_page, name="help"),
        path("exit/", core_views.quick_exit, name="quick_exit"),
        path("notices/<int:notice_id>/dismiss/", core_views.notice_dismiss, name="notice_dismiss"),
    ],
    "core",
)

urlpatterns = [
    path("", include(core_patterns)),
    path("account/", include("heard.twostep.urls")),
    path("account/", include("heard.accounts.urls")),
    path("together/time/", include("heard.quality.urls")),
    path("together/", include("heard.bonds.urls")),
    path("", include((join_patterns, "join"))),
    path("prompts/", include("heard.prompts.urls")),
    path("talk/", include("heard.dialogue.urls")),
    path("checkup/", include("heard.checkup.urls")),
    # Check-ins, love languages and appreciation kept their addresses when they moved out of
    # the check-up app, so bookmarks and links in old notices still work.
    path("checkup/", include("heard.daily.urls")),
    path("checkup/", include("heard.together.urls")),
    path("safety/", include("heard.safety.urls")),
    path("learn/", include("heard.learn.urls")),
    path("counsel/", include("heard.counsel.urls")),
    path("api/v1/", api.urls),
    path("api/<path:rest>", core_views.api_not_found),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("manifest.webmanifest", core_views.manifest, name="manifest"),
    path("sw.js", core_views.service_worker, name="service_worker"),
]

handler500 = "heard.core.views.server_error"
