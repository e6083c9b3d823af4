import pytest

from heard.core.errors import Conflict, DomainError, NotFound
from heard.core.models import Notice
from heard.safety.services import screening_submit
from heard.together import services
from heard.together.models import Appreciation, AppreciationStatus

pytestmark = pytest.mark.django_db


def test_it_sends_a_note_and_tells_them_without_the_words(alice_client, bob_client, bob, screened):
    response = alice_client.post(
        f"/checkup/appreciation/{screened.pk}/", {"text": "Thank you for the soup CANARY-77"}
    )
    assert response.status_code == 302
    note = Appreciation.objects.get()
    assert note.status == AppreciationStatus.SENT and note.recipient == bob
    notice = Notice.objects.get(user=bob)
    assert "CANARY" not in notice.text and "appreciation" in notice.text
    assert "CANARY-77" in bob_client.get(f"/checkup/appreciation/{screened.pk}/").content.decode()


def test_the_page_offers_a_suggestion_and_a_few_ideas(alice_client, screened):
    html = alice_client.get(f"/checkup/appreciation/{screened.pk}/").content.decode()
    assert "Something to appreciate" in html and "effort" in html
    assert alice_client.get(f"/checkup/appreciation/{screened.pk}/?more=abc").status_code == 200


def test_an_empty_or_long_note_answers_400_and_keeps_the_text(alice_client, screened):
    assert (
        alice_client.post(f"/checkup/appreciation/{screened.pk}/", {"text": ""}).status_code == 400
    )
    response = alice_client.post(f"/checkup/appreciation/{screened.pk}/", {"text": "y" * 1001})
    assert response.status_code == 400
    assert "y" * 1001 in response.content.decode()
    assert not Appreciation.objects.exists()


def test_partner_bonds_need_the_private_safety_question_first(alice_client, bond):
    response = alice_client.get(f"/checkup/appreciation/{bond.pk}/")
    assert response.status_code == 302 and "/safety/screening/" in response["Location"]
    api = alice_client.post(
        "/api/v1/appreciation", {"bond_id": bond.pk, "text": "hi"}, content_type="application/json"
    )
    assert api.status_code == 409 and "screening_url" in api.json()


def test_a_paused_bond_cannot_send_and_says_so_neutrally(alice, alice_client, screened):
    screening_submit(user=alice, bond=screened, answers={"afraid": True})
    response = alice_client.post(f"/checkup/appreciation/{screened.pk}/", {"text": "thanks"})
    assert response.status_code == 302 and "/safety/paused/" in response["Location"]
    api = alice_client.post(
        "/api/v1/appreciation",
        {"bond_id": screened.pk, "text": "thanks"},
        content_type="application/json",
    )
    assert api.status_code == 409
    assert api.json() == {"detail": "Shared exercises for this bond are paused for now."}
    with pytest.raises(Conflict):
        services.appreciation_send(user=alice, bond_id=screened.pk, text="thanks")
    assert not Appreciation.objects.exists()


def test_a_risky_note_is_held_until_the_writer_chooses(
    alice_client, bob_client, alice, bob, screened
):
    response = alice_client.post(
        f"/checkup/appreciation/{screened.pk}/", {"text": "I want to kill myself"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-crisis-panel" in html and "Keep it private" in html and "Get help first" in html
    note = Appreciation.objects.get()
    assert note.status == AppreciationStatus.HELD
    assert not Notice.objects.filter(user=bob).exists()
    assert (
        "kill myself"
        not in bob_client.get(f"/checkup/appreciation/{screened.pk}/").content.decode()
    )

    alice_client.post(f"/checkup/appreciation/note/{note.pk}/decide/", {"choice": "private"})
    note.refresh_from_db()
    assert note.status == AppreciationStatus.PRIVATE
    assert (
        "kill myself"
        not in bob_client.get(f"/checkup/appreciation/{screened.pk}/").content.decode()
    )

    alice_client.post(f"/checkup/appreciation/note/{note.pk}/decide/", {"choice": "send"})
    note.refresh_from_db()
    assert note.status == AppreciationStatus.SENT
    assert Notice.objects.filter(user=bob).exists()


def test_only_the_writer_can_decide_and_only_with_a_real_choice(alice, bob, screened, bob_client):
    note, _ = services.appreciation_send(
        user=alice, bond_id=screened.pk, text="I want to kill myself"
    )
    assert (
        bob_client.post(
            f"/checkup/appreciation/note/{note.pk}/decide/", {"choice": "send"}
        ).status_code
        == 404
    )
    with pytest.raises(NotFound):
        services.appreciation_decide(user=bob, appreciation_id=note.pk, choice="send")
    with pytest.raises(DomainError):
        services.appreciation_decide(user=alice, appreciation_id=note.pk, choice="shout")


def test_outsiders_get_404_everywhere(carol_client, screened, alice):
    note, _ = services.appreciation_send(user=alice, bond_id=screened.pk, text="thanks")
    assert carol_client.get(f"/checkup/appreciation/{screened.pk}/").status_code == 404
    assert (
        carol_client.post(f"/checkup/appreciation/{screened.pk}/", {"text": "x"}).status_code == 404
    )
    assert (
        carol_client.post(
            f"/checkup/appreciation/note/{note.pk}/decide/", {"choice": "send"}
        ).status_code
        == 404
    )
    assert carol_client.get(f"/api/v1/appreciation?bond_id={screened.pk}").status_code == 404
    assert (
        carol_client.get(f"/api/v1/appreciation/suggestions?bond_id={screened.pk}").status_code
        == 404
    )
