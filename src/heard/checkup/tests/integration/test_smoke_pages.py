import pytest

from heard.checkup import services

from .conftest import all_answers

pytestmark = pytest.mark.django_db


def test_it_renders_every_page_for_a_person_with_data(alice_client, alice, screened):
    result = services.checkup_submit(user=alice, bond=screened, answers=all_answers(), closeness=4)
    pages = [
        "/checkup/",
        f"/checkup/take/{screened.pk}/",
        "/checkup/take/",
        f"/checkup/results/{result.pk}/",
        f"/checkup/together/{screened.pk}/",
        "/checkup/checkin/",
        "/checkup/love-languages/",
        f"/checkup/love-languages/take/{screened.pk}/",
        "/checkup/love-languages/take/",
        f"/checkup/appreciation/{screened.pk}/",
        "/",
        "/progress/",
        "/together/",
        f"/together/{screened.pk}/",
    ]
    for page in pages:
        response = alice_client.get(page)
        assert response.status_code == 200, page
