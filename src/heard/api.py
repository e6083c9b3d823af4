"""The JSON API at /api/v1/ (OpenAPI schema at /api/v1/openapi.json).

Each app adds a router; every operation calls the same services and selectors as the views.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import DocsBase
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.security import APIKeyCookie, HttpBearer

from heard.accounts.services import api_token_authenticate
from heard.api_errors import ERROR_SCHEMA, error_response
from heard.core.errors import DomainError


class TokenAuth(HttpBearer):
    """Authorization: Bearer hrd_… with a personal API token from the account page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser session; unsafe methods need the CSRF token, as in the web app."""

    param_name = "heard_session"

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a logged-in session this scheme does not apply: the answer is 401, not a
        # CSRF failure. A real session still needs the CSRF token.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


class HeardDocs(DocsBase):
    """/api/v1/docs: swagger-ui from our own static files (vendored, see its README), so it
    works under our CSP; ninja's default loads it from a CDN, which the CSP blocks."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        return render(
            request,
            "core/api_docs.html",
            {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)},
        )


UNSAFE = {"post", "put", "patch", "delete"}


class ObjectBodyParser(Parser):
    """Every body we take is a JSON object. Anything else (a list, a number) is refused:
    ninja would otherwise read the fields of a list as missing and apply every default, so
    `PUT /quality/reminders` with `[null]` would quietly switch every reminder off.

    A number like 4.0 is read as the integer 4, as JSON Schema counts it (the inputs'
    types are strict, so a float would otherwise be refused where an integer is asked)."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body, parse_float=_number)
        if not isinstance(data, dict):
            raise ValueError("The request body must be a JSON object.")
        return data


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


class OneShapePerName(OpenAPISchema):
    """ninja files each model under its class name, so two different models with the same
    name would silently share one entry and the schema would describe the wrong body."""

    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name, shape in definitions.items():
            if name in self.schemas and self.schemas[name] != shape:
                raise ImproperlyConfigured(
                    f"Two different API models are both called {name}; rename one."
                )
        super().add_schema_definitions(definitions)


class HeardAPI(NinjaAPI):
    """Our API, whose schema also lists the error answers each operation can give."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = OneShapePerName(self, path_prefix)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for methods in schema.get("paths", {}).values():
            for method, operation in methods.items():
                responses = operation.setdefault("responses", {})
                declared = {str(key) for key in responses}  # ninja's own keys may be ints
                for status, why in _errors_for(method, operation).items():
                    if str(status) not in declared:
                        responses[str(status)] = error_response(why)
        return schema


def _errors_for(method: str, operation: dict[str, Any]) -> dict[int, str]:
    """The errors an operation can answer, from what it takes and how it is reached."""
    errors: dict[int, str] = {}
    if operation.get("security"):
        errors[400] = "The request cannot be done (the message says why)."
        errors[401] = "Log in or send a valid API token."
        errors[404] = "No such thing, or not yours to see."
        errors[409] = (
            "Not now: for example, a shared exercise is paused or needs the safety question."
        )
        if method in UNSAFE:
            errors[403] = "A browser session sent no valid CSRF token."
    if operation.get("parameters") or operation.get("requestBody"):
        errors[422] = "The input does not match this schema."
    if operation.get("requestBody"):
        errors.setdefault(400, "The body is not a JSON object.")
        errors[413] = "The request body is too large."
    return errors


api = HeardAPI(
    title="Heard API",
    version="1",
    description="Everything the Heard web app does, as JSON. Authenticate with a session "
    "(plus the CSRF token on unsafe methods) or a personal API token as a Bearer token.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs=HeardDocs(),
    parser=ObjectBodyParser(),
)


def _error(request: HttpRequest, message: str, status: int, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.message, exc.status, **exc.extra)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        loc = ".".join(str(p) for p in error.get("loc", []) if p not in {"body", "payload"})
        problems.append(f"{loc or 'request'}: {_problem(error)}")
    return _error(
        request, "The request is not valid. " + "; ".join(problems), 422, errors=exc.errors
    )


def _problem(error: dict[str, Any]) -> str:
    from heard.core.schemas import WRITTEN

    if (
        error.get("type") == "string_pattern_mismatch"
        and (error.get("ctx") or {}).get("pattern") == WRITTEN
    ):
        return "write something here (spaces alone don't count)"
    # Our own model checks word their messages for people; pydantic prefixes them.
    return str(error.get("msg", "is not valid")).removeprefix("Value error, ")


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "Log in or send a valid API token.", 401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if message == "Cannot parse request body":  # ninja's words, for any body it can't read
        message = 'The request body must be JSON: one object, like {"text": "..."}.'
    return _error(request, message, exc.status_code)


def _register_routers() -> None:
    from heard.accounts.api import router as accounts_router
    from heard.bonds.api import router as bonds_router
    from heard.checkup.api import router as checkup_router
    from heard.core.api import router as core_router
    from heard.counsel.api import router as counsel_router
    from heard.daily.api import router as daily_router
    from heard.dialogue.api import router as dialogue_router
    from heard.learn.api import router as learn_router
    from heard.progress.api import router as progress_router
    from heard.prompts.api import router as prompts_router
    from heard.quality.api import router as quality_router
    from heard.safety.api import router as safety_router
    from heard.together.api import router as together_router

    api.add_router("", core_router)
    api.add_router("", accounts_router)
    api.add_router("/bonds", bonds_router)
    api.add_router("", prompts_router)
    api.add_router("", dialogue_router)
    api.add_router("", checkup_router)
    api.add_router("", daily_router)
    api.add_router("", together_router)
    api.add_router("", progress_router)
    api.add_router("", safety_router)
    api.add_router("", learn_router)
    api.add_router("", quality_router)
    api.add_router("", counsel_router)


_register_routers()
