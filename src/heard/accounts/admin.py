"""The host's admin: manage accounts only. Nothing anyone wrote is registered here, and it is
encrypted at rest anyway."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.decorators import login_required

from heard.accounts.models import User


@admin.register(User)
class HeardUserAdmin(UserAdmin):
    list_display = ("username", "email", "is_active", "is_staff", "date_joined", "last_login")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Contact", {"fields": ("email",)}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")


admin.site.site_header = "Heard administration"
admin.site.site_title = "Heard admin"

# Admin logins go through Heard's own login page, with its per-(username, IP) throttle.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
