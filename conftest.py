"""Shared fixtures: two people in a bond, and a third person outside it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _fast_and_isolated(request: pytest.FixtureRequest) -> None:
    # Plain-Python tests (coach, safety detector, deck) also run with `-p no:django`.
    if not request.config.pluginmanager.hasplugin("django"):
        return
    settings = request.getfixturevalue("settings")
    # Argon2id is deliberately slow; tests use the same algorithm with a small cost.
    settings.PASSWORD_HASHERS = ["heard.accounts.tests.hashers.CheapArgon2PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The coach runs on a thread in tests, where a test's settings and patches reach it; the
    # coach's own process is tested in heard/dialogue/tests/test_coach_gate.py.
    settings.COACH_PROCESS = False


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from heard.accounts.services import user_signup

    def make(username: str, **extra: Any) -> Any:
        return user_signup(username=username, password=PASSWORD, **extra)

    return make


@pytest.fixture
def alice(make_user: Callable[..., Any]) -> Any:
    return make_user("alice", email="alice@example.org")


@pytest.fixture
def bob(make_user: Callable[..., Any]) -> Any:
    return make_user("bob", email="bob@example.org")


@pytest.fixture
def carol(make_user: Callable[..., Any]) -> Any:
    return make_user("carol")


@pytest.fixture
def bond(alice: Any, bob: Any) -> Any:
    from heard.bonds import services

    new = services.bond_invite(inviter=alice, kind="partner")
    return services.invite_accept(invite=new.invite, user=bob)


@pytest.fixture
def ready_bond(bond: Any, alice: Any, bob: Any) -> Any:
    """The alice+bob partner bond with both safety screenings answered (no pause)."""
    from heard.safety.services import screening_submit

    for person in (alice, bob):
        screening_submit(user=person, bond=bond, answers={})
    return bond


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice: Any) -> Client:
    return _client_for(alice)


@pytest.fixture
def bob_client(bob: Any) -> Client:
    return _client_for(bob)


@pytest.fixture
def carol_client(carol: Any) -> Client:
    return _client_for(carol)


@pytest.fixture
def login_client() -> Callable[[Any], Client]:
    return _client_for


# --- Browser tests -------------------------------------------------------------------------

CHROMIUM_CANDIDATES = ["chromium", "chromium-browser", "google-chrome"]


def chromium_path() -> str | None:
    explicit = os.environ.get("HEARD_CHROMIUM")
    if explicit:
        return explicit
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "Chromium is required for browser tests under CI=true (apt-get install chromium)."
            )
        pytest.skip("Chromium not installed; browser tests skipped (they run in CI).")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in tests are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Callable[[], Any]]:
    """A fresh browser page at phone size. When the test ends, every Heard page it loaded is
    checked again (axe, sideways scroll, weight, screenshots: tests/browser/checks.py)."""
    from tests.browser.checks import PHONE_HEIGHT, PageRecorder, check_pages

    live = request.getfixturevalue("live_server") if "live_server" in request.fixturenames else None
    recorder = PageRecorder(live) if live is not None else None
    contexts: list[Any] = []

    def make() -> Any:
        # Service workers are blocked (the PWA test makes its own context).
        context = browser.new_context(
            viewport={"width": 390, "height": PHONE_HEIGHT}, service_workers="block"
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    if recorder is None:
        yield make
    else:
        with recorder:
            yield make
    for context in contexts:
        context.close()
    problems: list[str] = []
    failed = getattr(request.node, "rep_call", None)
    if recorder is not None and not (failed and failed.failed):
        problems = check_pages(browser, recorder, request.node.name).problems
    if problems:
        pytest.fail("Page checks failed:\n" + "\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    # Lets fixtures see whether the test itself failed (page checks are skipped then).
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def raw_database_text(db: Any) -> Callable[[], str]:
    """Every value in every table, as stored: for canary searches (nothing in the clear)."""
    from django.apps import apps
    from django.db import connection

    def dump() -> str:
        chunks: list[str] = []
        with connection.cursor() as cursor:
            for model in apps.get_models():
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
                chunks.extend(str(value) for row in cursor.fetchall() for value in row)
        return "\n".join(chunks)

    return dump
