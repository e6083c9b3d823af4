"""Errors raised by services; views, the API and the CLI turn them into clear messages."""


class DomainError(Exception):
    """A request that cannot be done, with a message fit to show the person who asked."""

    status = 400

    def __init__(self, message: str, **extra: str) -> None:
        self.message = message
        # More fields for the API's JSON error, e.g. where to go next.
        self.extra = extra
        super().__init__(message)


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class TooManyRequests(DomainError):
    status = 429


class Gone(DomainError):
    status = 410
