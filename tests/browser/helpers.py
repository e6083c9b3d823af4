"""Small steps shared by the browser tests."""

from typing import Any

PASSWORD = "correct horse battery"


def log_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/account/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/")
