"""Ask for comfort: one tap, an in-app notice in our words with the chosen feeling word,
short guidance for the other person, and a one-tap "I'm here"."""

from __future__ import annotations

import json

import pytest

from heard.core.models import Notice
from heard.dialogue.models import ComfortRequest

pytestmark = pytest.mark.django_db


def test_one_tap_sends_a_notice_with_the_feeling_word(alice_client, bob_client, screened, bob):
    response = alice_client.post(f"/talk/comfort/send/{screened.pk}/", {"feeling": "lonely"})
    assert response.status_code == 302
    notice = Notice.objects.get(user=bob, kind="comfort_request")
    assert notice.text == "alice could use some support. They're feeling lonely."
    today = bob_client.get("/").content.decode()
    assert "alice could use some support" in today and "data-comfort-waiting" in today
    guidance = bob_client.get(notice.url).content.decode()
    assert "Offer support, not a solution" in guidance and "I'm here" in guidance


def test_i_am_here_answers_once(alice_client, bob_client, screened, alice):
    alice_client.post(f"/talk/comfort/send/{screened.pk}/")
    request = ComfortRequest.objects.get()
    assert bob_client.post(f"/talk/comfort/{request.pk}/").status_code == 302
    assert Notice.objects.get(user=alice, kind="comfort_here").text == "bob says: I'm here."
    assert not Notice.objects.filter(kind="comfort_request").exists()
    assert bob_client.post(f"/talk/comfort/{request.pk}/").status_code == 409
    # The sender can't answer their own request.
    assert alice_client.post(f"/talk/comfort/{request.pk}/").status_code == 409


def test_an_unknown_feeling_word_is_refused(alice_client, screened):
    response = alice_client.post(f"/talk/comfort/send/{screened.pk}/", {"feeling": "my secret"})
    assert response.status_code == 400
    assert "Pick a feeling word" in response.content.decode()
    assert not ComfortRequest.objects.exists()


def test_a_second_tap_waits_a_little(alice_client, screened):
    alice_client.post(f"/talk/comfort/send/{screened.pk}/")
    again = alice_client.post(f"/talk/comfort/send/{screened.pk}/")
    assert again.status_code == 429 and ComfortRequest.objects.count() == 1


def test_the_safety_question_comes_first(alice_client, bond):
    response = alice_client.post(f"/talk/comfort/send/{bond.pk}/")
    assert response.status_code == 302 and "screening" in response.url
    assert not ComfortRequest.objects.exists()


def test_comfort_through_the_api(alice_client, bob_client, screened):
    sent = alice_client.post(
        "/api/v1/comfort",
        json.dumps({"bond_id": screened.pk, "feeling_word": "anxious"}),
        content_type="application/json",
    )
    assert sent.status_code == 201 and sent.json()["feeling_word"] == "anxious"
    waiting = bob_client.get("/api/v1/comfort").json()
    assert [w["sender"] for w in waiting] == ["alice"]
    here = bob_client.post(f"/api/v1/comfort/{waiting[0]['id']}/here")
    assert here.status_code == 200 and here.json()["answered_at"]
    bad = alice_client.post(
        "/api/v1/comfort",
        json.dumps({"bond_id": screened.pk, "feeling_word": "zzz"}),
        content_type="application/json",
    )
    assert bad.status_code == 422  # the schema lists the words


def test_ask_for_comfort_is_on_today_and_talk(alice_client, screened):
    for path in ("/", "/talk/"):
        page = alice_client.get(path).content.decode()
        assert f'href="/talk/comfort/send/{screened.pk}/"' in page, path
        assert "Ask bob for comfort" in page


def test_the_asker_writes_a_line_and_the_responder_writes_back(
    alice_client, bob_client, screened, alice, bob
):
    response = alice_client.post(
        f"/talk/comfort/send/{screened.pk}/",
        {"feeling": "lonely", "message": "Long day, could you call me later?"},
    )
    request = ComfortRequest.objects.get()
    assert response["Location"] == f"/talk/comfort/{request.pk}/"
    # The notice stays in our words: the line is only on the request's page.
    assert "call me" not in Notice.objects.get(user=bob, kind="comfort_request").text
    page = bob_client.get(f"/talk/comfort/{request.pk}/").content.decode()
    assert "Long day, could you call me later?" in page and "Write back (optional)" in page
    bob_client.post(f"/talk/comfort/{request.pk}/", {"reply": "Of course. I'll ring at 8."})
    assert "ring at 8" not in Notice.objects.get(user=alice, kind="comfort_here").text
    page = alice_client.get(f"/talk/comfort/{request.pk}/").content.decode()
    assert "Of course. I&#x27;ll ring at 8." in page


def test_a_risky_line_is_kept_for_the_writer_until_they_choose(alice_client, screened, bob):
    url = f"/talk/comfort/send/{screened.pk}/"
    risky = "I can't go on. I want to end it all tonight."
    page = alice_client.post(url, {"message": risky}).content.decode()
    assert not ComfortRequest.objects.exists() and "Send it anyway" in page
    assert not Notice.objects.filter(user=bob).exists()
    alice_client.post(url, {"message": risky, "share_anyway": "1"})
    assert ComfortRequest.objects.get().message == risky


def test_a_reply_through_the_api(alice_client, bob_client, screened):
    sent = alice_client.post(
        "/api/v1/comfort",
        json.dumps({"bond_id": screened.pk, "message": "Rough day."}),
        content_type="application/json",
    ).json()
    assert sent["message"] == "Rough day."
    reply = bob_client.post(
        f"/api/v1/comfort/{sent['id']}/reply",
        json.dumps({"reply": "I'm on my way."}),
        content_type="application/json",
    )
    assert reply.status_code == 200 and reply.json()["reply"] == "I'm on my way."


def test_a_reply_is_the_responders_and_goes_when_they_erase(
    screened, alice, bob, raw_database_text
):
    from heard.accounts.data import user_erase, user_export
    from heard.bonds.selectors import bond_for_member
    from heard.dialogue import comfort

    sent = comfort.comfort_send(
        sender=alice, bond=bond_for_member(user=alice, bond_id=screened.pk), message="a-line"
    )
    comfort.comfort_respond(request=sent.request, responder=bob, reply="bob-reply-canary")
    assert "bob-reply-canary" in json.dumps(user_export(user=bob), default=str)
    user_erase(user=bob)
    assert "bob-reply-canary" not in raw_database_text()
    sent.request.refresh_from_db()
    assert sent.request.reply == ""
