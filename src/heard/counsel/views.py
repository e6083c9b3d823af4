"""Counsellor mode on the web: the counsellor's Clients place, and the client's consent page,
"My counsellor" page and practice on Today. Thin: the services and selectors decide."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from heard.accounts.models import User
from heard.accounts.selectors import local_today
from heard.core.errors import DomainError, NotFound
from heard.core.http import client_ip
from heard.counsel import nav, selectors, services
from heard.counsel.forms import (
    AssignmentForm,
    BondChoiceForm,
    CodeForm,
    DoneForm,
    InviteForm,
    NoteForm,
    SaveTemplateForm,
    TemplatePickForm,
)
from heard.counsel.models import REFLECTION_MAX, FigureKind

INVITES_SHOWN = "heard_counsel_invites_shown"
API_PREP = "/api/v1/counsel/clients/{id}/prep"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _counsellor(request: HttpRequest) -> User:
    """The counsellor asking, or the same 404 as for anything that isn't there."""
    user = _user(request)
    allowed = selectors.is_counsellor(user)
    # The menu reads the role from the session (set at login); keep it true to the database
    # whenever a counsellor page is asked for.
    if bool(request.session.get(nav.SESSION_KEY)) != allowed:
        request.session[nav.SESSION_KEY] = allowed
    if not allowed:
        raise Http404("That page doesn't exist.")
    return user


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --------------------------------------------------------------------------- counsellor side


@login_required
def clients(request: HttpRequest) -> HttpResponse:
    counsellor = _counsellor(request)
    groups = selectors.clients_for(counsellor=counsellor)
    return render(
        request,
        "counsel/clients.html",
        {
            "current": [g for g in groups if not g.ended],
            "ended": [g for g in groups if g.ended],
            "invites": selectors.open_invites(counsellor=counsellor),
            "former_notes": selectors.notes_former_clients(counsellor=counsellor),
        },
    )


@login_required
def invite_create(request: HttpRequest) -> HttpResponse:
    counsellor = _counsellor(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.invite_create(counsellor=counsellor, kind=form.cleaned_data["kind"])
        except NotFound:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            # Post/redirect/get, like bond invites: the link and code exist only here (the
            # database keeps hashes), so this session keeps them until the invite is done.
            shown = request.session.get(INVITES_SHOWN, {})
            shown[str(new.invite.pk)] = {"token": new.token, "code": new.code, "path": new.path}
            request.session[INVITES_SHOWN] = shown
            return redirect("counsel:invite_ready", invite_id=new.invite.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "counsel/invite_form.html", {"form": form}, status=status)


@login_required
def invite_ready(request: HttpRequest, invite_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    invite = next(
        (i for i in selectors.open_invites(counsellor=counsellor) if i.id == invite_id), None
    )
    secret = request.session.get(INVITES_SHOWN, {}).get(str(invite_id))
    if invite is None or secret is None:
        messages.info(
            request,
            "That invite's link and code can't be shown again. If you've lost them, cancel the "
            "invite and make a new one.",
        )
        return redirect("counsel:clients")
    return render(
        request,
        "counsel/invite_created.html",
        {
            "invite": invite,
            "link": request.build_absolute_uri(secret["path"]),
            "code": secret["code"],
            "code_page": request.build_absolute_uri(reverse("counsel:join_code")),
        },
    )


@login_required
@require_POST
def invite_revoke(request: HttpRequest, invite_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    services.invite_revoke(counsellor=counsellor, invite_id=invite_id)
    shown = request.session.get(INVITES_SHOWN, {})
    if shown.pop(str(invite_id), None) is not None:
        request.session[INVITES_SHOWN] = shown
    messages.success(request, "Invite cancelled. The link and code no longer work.")
    return redirect("counsel:clients")


def _people(group: selectors.ClientGroup) -> list[tuple[int, str]]:
    return [(row.client_id, row.name) for row in group.rows if row.status != "ended"]


def _client_page(
    request: HttpRequest, connection_id: int, *, status: int = 200, **extra: Any
) -> HttpResponse:
    counsellor = _counsellor(request)
    group = selectors.client_group(counsellor=counsellor, connection_id=connection_id)
    today = local_today(counsellor)
    context: dict[str, Any] = {
        "group": group,
        "assignments": []
        if group.ended
        else selectors.assignments_for(counsellor=counsellor, connection_id=connection_id),
        "templates": selectors.templates_for(counsellor=counsellor),
        "pick_form": TemplatePickForm(today=today),
        "notes": selectors.notes_for(counsellor=counsellor, connection_id=connection_id),
        "note_form": NoteForm(people=_people(group)),
        "save_form": SaveTemplateForm(),
        **extra,
    }
    return render(request, "counsel/client.html", context, status=status)


@login_required
def client(request: HttpRequest, connection_id: int) -> HttpResponse:
    return _client_page(request, connection_id)


@login_required
@require_POST
def assign_template(request: HttpRequest, connection_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    form = TemplatePickForm(request.POST, today=local_today(counsellor))
    if not form.is_valid():
        return _client_page(
            request,
            connection_id,
            status=400,
            pick_form=form,
            pick_error="Choose a template and a week.",
        )
    try:
        services.assignment_from_template(
            counsellor=counsellor,
            template_id=form.cleaned_data["template_id"],
            connection_id=connection_id,
            week_of=datetime.date.fromisoformat(form.cleaned_data["week_of"]),
        )
    except NotFound:
        raise
    except DomainError as exc:
        return _client_page(
            request, connection_id, status=exc.status, pick_form=form, pick_error=exc.message
        )
    messages.success(request, "Assigned. They'll see it on Today.")
    return redirect("counsel:client", connection_id=connection_id)


@login_required
def assign(request: HttpRequest, connection_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    group = selectors.client_group(counsellor=counsellor, connection_id=connection_id)
    form = AssignmentForm(
        request.POST or None, library=selectors.library(), today=local_today(counsellor)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                counsellor=counsellor,
                connection_id=connection_id,
                kind=data["kind"],
                target=data["target"],
                need=data["need_value"],
                note=data["note"],
                habit=data["habit"],
                week_of=data["week"],
            )
            if data.get("save_as"):
                services.template_from_assignment(
                    counsellor=counsellor, assignment_id=assignment.pk, name=data["save_as"]
                )
        except NotFound:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Assigned. They'll see it on Today.")
            return redirect("counsel:client", connection_id=connection_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "counsel/assign.html", {"form": form, "group": group}, status=status)


@login_required
@require_POST
def assignment_withdraw(
    request: HttpRequest, connection_id: int, assignment_id: int
) -> HttpResponse:
    counsellor = _counsellor(request)
    selectors.client_group(counsellor=counsellor, connection_id=connection_id)
    services.assignment_withdraw(counsellor=counsellor, assignment_id=assignment_id)
    messages.success(request, "Taken back. It no longer shows on their Today.")
    return redirect("counsel:client", connection_id=connection_id)


@login_required
@require_POST
def assignment_save(request: HttpRequest, connection_id: int, assignment_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    form = SaveTemplateForm(request.POST)
    if not form.is_valid():
        return _client_page(
            request,
            connection_id,
            status=400,
            save_form=form,
            save_for=assignment_id,
        )
    try:
        services.template_from_assignment(
            counsellor=counsellor, assignment_id=assignment_id, name=form.cleaned_data["name"]
        )
    except NotFound:
        raise
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _client_page(
            request, connection_id, status=400, save_form=form, save_for=assignment_id
        )
    messages.success(request, "Saved as a template.")
    return redirect("counsel:client", connection_id=connection_id)


@login_required
def client_end(request: HttpRequest, connection_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    group = selectors.client_group(counsellor=counsellor, connection_id=connection_id)
    if request.method == "POST":
        for row in group.rows:
            if row.status != "ended":
                services.connection_end(counsellor=counsellor, connection_id=row.connection_id)
        messages.success(request, "The connection has ended. They'll see that on their page.")
        return redirect("counsel:clients")
    return render(request, "counsel/client_end.html", {"group": group})


@login_required
def prep(request: HttpRequest, connection_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    data = services.prep_view(counsellor=counsellor, connection_id=connection_id)
    return render(
        request,
        "counsel/prep.html",
        {"prep": data, "json_url": API_PREP.format(id=connection_id)},
    )


@login_required
@require_POST
def note_create(request: HttpRequest, connection_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    group = selectors.client_group(counsellor=counsellor, connection_id=connection_id)
    form = NoteForm(request.POST, people=_people(group))
    if form.is_valid():
        try:
            services.note_create(
                counsellor=counsellor,
                connection_id=connection_id,
                text=form.cleaned_data["text"],
                client_id=form.cleaned_data.get("client_id"),
            )
        except NotFound:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Note saved. Only you see it.")
            return redirect(reverse("counsel:client", args=[connection_id]) + "#notes")
    return _client_page(request, connection_id, status=400, note_form=form)


def _note_of(counsellor: User, connection_id: int, note_id: int) -> selectors.NoteRow:
    notes = selectors.notes_for(counsellor=counsellor, connection_id=connection_id)
    note = next((n for n in notes if n.id == note_id), None)
    if note is None:
        raise NotFound("That isn't there.")
    return note


@login_required
def note_edit(request: HttpRequest, connection_id: int, note_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    note = _note_of(counsellor, connection_id, note_id)
    form = NoteForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_update(
                counsellor=counsellor, note_id=note_id, text=form.cleaned_data["text"]
            )
        except NotFound:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Note saved.")
            return redirect(reverse("counsel:client", args=[connection_id]) + "#notes")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "counsel/note_edit.html",
        {"form": form, "note": note, "connection_id": connection_id},
        status=status,
    )


@login_required
@require_POST
def note_delete(request: HttpRequest, connection_id: int, note_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    _note_of(counsellor, connection_id, note_id)
    services.note_delete(counsellor=counsellor, note_id=note_id)
    messages.success(request, "Note deleted.")
    return redirect(reverse("counsel:client", args=[connection_id]) + "#notes")


def _templates_page(request: HttpRequest, form: AssignmentForm, status: int = 200) -> HttpResponse:
    counsellor = _counsellor(request)
    library = selectors.library()
    labels = {c.value: c.label for c in library.kinds}
    needs = {c.value: c.label for c in library.dialogue_needs}
    rows = []
    for template in selectors.templates_for(counsellor=counsellor):
        targets = {c.value: c.label for c in library.targets_for(template.kind)}
        rows.append(
            {
                "t": template,
                "kind": labels.get(template.kind, template.kind),
                "target": targets.get(template.target, template.target),
                "need": needs.get(template.need, template.need),
            }
        )
    return render(
        request,
        "counsel/templates.html",
        {"templates": rows, "form": form},
        status=status,
    )


@login_required
def templates(request: HttpRequest) -> HttpResponse:
    counsellor = _counsellor(request)
    form = AssignmentForm(
        request.POST or None,
        library=selectors.library(),
        today=local_today(counsellor),
        for_template=True,
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.template_create(
                    counsellor=counsellor,
                    name=data["name"],
                    kind=data["kind"],
                    target=data["target"],
                    need=data["need_value"],
                    note=data["note"],
                    habit=data["habit"],
                )
            except NotFound:
                raise
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Template saved.")
                return redirect("counsel:templates")
        return _templates_page(request, form, status=400)
    return _templates_page(request, form)


@login_required
@require_POST
def template_delete(request: HttpRequest, template_id: int) -> HttpResponse:
    counsellor = _counsellor(request)
    services.template_delete(counsellor=counsellor, template_id=template_id)
    messages.success(request, "Template deleted. Practice already assigned from it stays.")
    return redirect("counsel:templates")


# --------------------------------------------------------------------------- client side


def _join(request: HttpRequest, *, token: str = "", code: str = "") -> HttpResponse:
    """The consent page: what the counsellor will and won't see, then Accept or No thanks."""
    user = request.user if request.user.is_authenticated else None
    ip = client_ip(request)
    try:
        preview = selectors.invite_preview(user=user, token=token, code=code, ip=ip)  # type: ignore[arg-type]
    except DomainError as exc:
        return render(
            request,
            "counsel/join_code.html",
            {"form": CodeForm(), "error": exc.message},
            status=exc.status,
        )
    here = request.path + (f"?{urlencode({'code': code})}" if code else "")
    bond_form = None
    if user is not None and len(preview.bond_choices) > 1:
        bond_form = BondChoiceForm(
            request.POST if request.method == "POST" else None, choices=preview.bond_choices
        )
    context: dict[str, Any] = {
        "preview": preview,
        "code": code,
        "bond_form": bond_form,
        "with_other": preview.bond_choices[0].other_name if len(preview.bond_choices) == 1 else "",
        "login_url": reverse("accounts:login") + "?" + urlencode({"next": here}),
        "signup_url": reverse("accounts:signup") + "?" + urlencode({"next": here}),
    }
    status = 200
    if request.method == "POST" and user is not None:
        if request.POST.get("answer") == "decline":
            messages.info(request, "No problem. Nothing was sent to them.")
            return redirect("core:home")
        if request.POST.get("answer") == "accept":
            bond_id = None
            if bond_form is not None:
                if bond_form.is_valid():
                    bond_id = bond_form.cleaned_data["bond_id"]
                else:
                    return render(request, "counsel/join.html", context, status=400)
            elif len(preview.bond_choices) == 1:
                bond_id = preview.bond_choices[0].id
            try:
                services.connection_consent(
                    user=user,  # type: ignore[arg-type]
                    token=token,
                    code=code,
                    ip=ip,
                    bond_id=bond_id,
                )
            except DomainError as exc:
                context["problem"] = exc.message
                status = exc.status
            else:
                messages.success(
                    request,
                    "You're connected. You choose what they see, and you can stop at any time.",
                )
                return redirect("counsel:mine")
    return render(request, "counsel/join.html", context, status=status)


def join_link(request: HttpRequest, token: str) -> HttpResponse:
    return _join(request, token=token)


def join_code(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("code") or request.GET.get("code") or ""
    if not code:
        return render(request, "counsel/join_code.html", {"form": CodeForm()})
    form = CodeForm({"code": code})
    if not form.is_valid():
        return render(request, "counsel/join_code.html", {"form": form}, status=400)
    return _join(request, code=form.cleaned_data["code"])


FIGURE_KINDS = [
    (FigureKind.CHECKUP, "My check-up scores", "Your monthly check-up results, as numbers."),
    (FigureKind.CHECKIN, "My check-in ratings", "How connected you felt, from your check-ins."),
]
PAUSE_KIND = (
    FigureKind.PAUSE,
    "That shared exercises are paused, if I paused them",
    'If you ever pause shared exercises, they would see only the word "paused". Nothing else.',
)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    connections = selectors.my_connections(user=user)
    log = selectors.view_log(user=user) if connections else []
    return render(
        request,
        "counsel/mine.html",
        {
            "connections": connections,
            "log": log[:50],
            "log_more": len(log) > 50,
            "figure_kinds": FIGURE_KINDS,
            "pause_kind": PAUSE_KIND,
        },
    )


@login_required
def withdraw(request: HttpRequest, connection_id: int) -> HttpResponse:
    user = _user(request)
    connection = selectors.my_connection(user=user, connection_id=connection_id)
    if connection.status == "ended":
        return redirect("counsel:mine")
    if request.method == "POST":
        services.connection_withdraw(user=user, connection_id=connection_id)
        messages.success(
            request,
            f"Done. {connection.counsellor_name} can no longer see anything you shared. "
            "They'll see only that the connection ended.",
        )
        return redirect("counsel:mine")
    return render(request, "counsel/withdraw.html", {"c": connection})


@login_required
@require_POST
def figures(request: HttpRequest, connection_id: int) -> HttpResponse:
    user = _user(request)
    kind = request.POST.get("kind", "")
    shared = request.POST.get("shared") == "yes"
    try:
        services.figure_share(user=user, connection_id=connection_id, kind=kind, shared=shared)
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("counsel:mine")
    messages.success(
        request, "Shared. You can stop any time." if shared else "Stopped. They no longer see it."
    )
    return redirect(reverse("counsel:mine") + f"#connection-{connection_id}")


@login_required
def items(request: HttpRequest, connection_id: int) -> HttpResponse:
    user = _user(request)
    connection = selectors.my_connection(user=user, connection_id=connection_id)
    if request.method == "POST":
        if connection.status != "active":
            raise NotFound("That isn't there.")
        kind = request.POST.get("kind", "")
        try:
            item_id = int(request.POST.get("item_id", ""))
        except ValueError:
            raise NotFound("That isn't there.") from None
        if request.POST.get("action") == "unshare":
            services.item_unshare(
                user=user, connection_id=connection_id, kind=kind, item_id=item_id
            )
            messages.success(request, "Taken back. They no longer see it.")
        else:
            services.item_share(user=user, connection_id=connection_id, kind=kind, item_id=item_id)
            messages.success(request, "Shared. You can take it back any time.")
        return redirect(reverse("counsel:items", args=[connection_id]) + f"#item-{kind}-{item_id}")
    rows = (
        selectors.shareable_items(user=user, connection_id=connection_id)
        if connection.status == "active"
        else []
    )
    return render(
        request,
        "counsel/items.html",
        {
            "c": connection,
            "shared": [r for r in rows if r.shared],
            "rows": rows,
            "weeks": selectors.WEEKS_SHAREABLE,
        },
    )


def _practice_page(request: HttpRequest, assignment_id: int, **extra: Any) -> HttpResponse:
    user = _user(request)
    assignment = selectors.my_assignment(user=user, assignment_id=assignment_id)
    status = 400 if extra.get("error") else 200
    return render(
        request,
        "counsel/practice.html",
        {"a": assignment, "limit": REFLECTION_MAX, **extra},
        status=status,
    )


@login_required
def practice(request: HttpRequest, assignment_id: int) -> HttpResponse:
    return _practice_page(request, assignment_id)


@login_required
@require_POST
def practice_start(request: HttpRequest, assignment_id: int) -> HttpResponse:
    try:
        url = services.progress_start(user=_user(request), assignment_id=assignment_id)
    except NotFound:
        raise
    except DomainError as exc:  # e.g. today's question already has an answer
        messages.error(request, exc.message)
        return redirect("counsel:practice", assignment_id=assignment_id)
    return redirect(url)


@login_required
@require_POST
def practice_done(request: HttpRequest, assignment_id: int) -> HttpResponse:
    user = _user(request)
    form = DoneForm(request.POST)
    if not form.is_valid():
        return _practice_page(
            request,
            assignment_id,
            error=" ".join(str(e) for errors in form.errors.values() for e in errors),
            reflection=request.POST.get("reflection", ""),
            share=request.POST.get("share", "private"),
        )
    try:
        services.progress_done(
            user=user,
            assignment_id=assignment_id,
            reflection=form.cleaned_data["reflection"],
            shared=form.cleaned_data["share"] == "shared",
        )
    except NotFound:
        raise
    except DomainError as exc:
        return _practice_page(
            request,
            assignment_id,
            error=exc.message,
            reflection=form.cleaned_data["reflection"],
            share=form.cleaned_data["share"],
        )
    if form.cleaned_data["reflection"] and form.cleaned_data["share"] == "shared":
        messages.success(
            request, "Done. Well done. Your reflection is shared with your counsellor."
        )
    elif form.cleaned_data["reflection"]:
        messages.success(request, "Done. Well done. Your reflection is just for you.")
    else:
        messages.success(request, "Done. Well done; small steps count.")
    return redirect(_back(request, reverse("counsel:practice", args=[assignment_id])))


@login_required
@require_POST
def practice_share(request: HttpRequest, assignment_id: int) -> HttpResponse:
    shared = request.POST.get("shared") == "yes"
    services.reflection_share(user=_user(request), assignment_id=assignment_id, shared=shared)
    messages.success(
        request,
        "Your reflection is shared with your counsellor."
        if shared
        else "Your reflection is just for you now.",
    )
    return redirect("counsel:practice", assignment_id=assignment_id)
