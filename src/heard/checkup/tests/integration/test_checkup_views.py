import re

import pytest

from heard.checkup import services
from heard.checkup.models import CheckupResult

from .conftest import all_answers, form_data

pytestmark = pytest.mark.django_db


def test_it_comes_in_short_steps_that_keep_every_answer(alice_client, bond, alice):
    url = f"/checkup/take/{bond.pk}/"
    html = alice_client.get(url).content.decode()
    assert html.count('name="closeness"') == 7 and html.count("<circle") == 14
    assert "Step 1 of " in html and "<progress" in html
    count = int(re.search(r"Step 1 of (\d+)", html).group(1))
    assert count >= 4
    data = {"closeness": "5", "step": "0", "go": "next"}
    seen: set[str] = set()
    for step in range(1, count):
        html = alice_client.post(url, data).content.decode()
        assert f"Step {step + 1} of {count}" in html and "Strongly disagree" in html
        assert len(html.encode()) < 60_000  # the single page was 119 KB
        shown = set(re.findall(r'type="radio" name="(a_[^"]+)"', html))
        assert shown and not shown & seen, "each statement is on one step only"
        seen |= shown
        # Every answer so far travels with the form.
        assert 'name="closeness" value="5"' in html
        for name in seen - shown:
            assert f'name="{name}" value="4"' in html
        data = {"step": str(step), "go": "next" if step < count - 1 else "finish"}
        data.update({name: "4" for name in seen}, closeness="5")
    assert len(seen) == len(all_answers())
    assert 'name="share"' in html  # sharing comes with the last step
    # Back keeps the answers, too.
    back = alice_client.post(url, {**data, "go": "back"}).content.decode()
    assert f"Step {count - 1} of {count}" in back
    response = alice_client.post(url, {**data, "share": "on"})
    assert response.status_code == 302
    result = CheckupResult.objects.get(user=alice)
    assert result.closeness == 5 and result.shared


def test_it_saves_a_check_up_and_shows_bands_and_meanings(alice_client, alice, bond):
    data = form_data(all_answers(value=4), closeness=6)
    response = alice_client.post(f"/checkup/take/{bond.pk}/", data)
    result = CheckupResult.objects.get(user=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/checkup/results/{result.pk}/"
    assert result.closeness == 6 and result.bond == bond
    html = alice_client.get(response["Location"]).content.decode()
    assert "of 100" in html and "This week's focus" in html
    assert "Close" in html  # the closeness label for step 6


def test_bad_answers_keep_what_was_chosen_and_answer_400(alice_client, alice, bond):
    data = form_data({"trust-01": 4}, closeness=3)
    data["a_trust-02"] = "9"
    response = alice_client.post(f"/checkup/take/{bond.pk}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    # Kept: on the step shown (checked) or carried along (hidden).
    assert re.search(r'name="a_trust-01" value="4"([^>]*checked|>)', html)
    assert re.search(r'id="id_closeness_3"\s+checked|name="closeness" value="3"', html)
    assert not CheckupResult.objects.exists()


def test_too_few_answers_explain_gently_and_keep_answers(alice_client, bond):
    response = alice_client.post(
        f"/checkup/take/{bond.pk}/", form_data({"trust-01": 2}, closeness=2)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Answer a few more statements" in html
    assert re.search(r'name="a_trust-01" value="2"([^>]*checked|>)', html)


def test_alone_it_asks_who_you_have_in_mind(alice_client, alice):
    html = alice_client.get("/checkup/take/").content.decode()
    assert "Who do you have in mind?" in html
    response = alice_client.post("/checkup/take/", form_data(all_answers("family"), kind="family"))
    assert response.status_code == 302
    assert CheckupResult.objects.get(user=alice).kind == "family"
    bad = alice_client.post("/checkup/take/", form_data(all_answers(), kind="boss"))
    assert bad.status_code == 400


def test_share_toggle_works_and_rejects_bad_input(alice_client, alice, bond):
    result = services.checkup_submit(user=alice, bond=bond, answers=all_answers())
    alice_client.post(f"/checkup/results/{result.pk}/share/", {"shared": "yes"})
    result.refresh_from_db()
    assert result.shared
    alice_client.post(f"/checkup/results/{result.pk}/share/", {"shared": "maybe"})
    result.refresh_from_db()
    assert result.shared  # unchanged
    alice_client.post(f"/checkup/results/{result.pk}/share/", {"shared": "no"})
    result.refresh_from_db()
    assert not result.shared


def test_the_overview_suggests_a_monthly_retake(alice_client, alice, bond):
    result = services.checkup_submit(user=alice, bond=bond, answers=all_answers())
    assert "Last taken today" in alice_client.get("/checkup/").content.decode()
    from datetime import timedelta

    from django.utils import timezone

    CheckupResult.objects.filter(pk=result.pk).update(
        created_at=timezone.now() - timedelta(days=33)
    )
    html = alice_client.get("/checkup/").content.decode()
    assert "Last taken 33 days ago" in html and "taking it again" in html


def test_nobody_else_can_reach_any_check_up_route(alice, bob, bond, carol_client, bob_client):
    result = services.checkup_submit(user=alice, bond=bond, answers=all_answers(), share=True)
    for client in (carol_client, bob_client):
        assert client.get(f"/checkup/results/{result.pk}/").status_code == 404
        assert (
            client.post(f"/checkup/results/{result.pk}/share/", {"shared": "no"}).status_code == 404
        )
    assert carol_client.get(f"/checkup/take/{bond.pk}/").status_code == 404
    assert carol_client.post(f"/checkup/take/{bond.pk}/", {}).status_code == 404
    result.refresh_from_db()
    assert result.shared


def test_anonymous_visitors_are_sent_to_log_in(client, bond):
    for url in [
        "/checkup/",
        f"/checkup/take/{bond.pk}/",
        "/checkup/checkin/",
        "/checkup/love-languages/",
    ]:
        assert client.get(url).status_code == 302
    assert client.get("/api/v1/checkup/results").status_code == 401
