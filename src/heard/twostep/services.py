"""Two-step sign-in, optional: after the password, a code from an authenticator app or a
one-time recovery code. The threat is a partner who knows the password, so turning it on,
getting new recovery codes and turning it off all ask for the password again (through the
login throttle); turning it off also asks for a code."""

from __future__ import annotations

import hashlib
import secrets
from base64 import b32encode
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.db import IntegrityError, transaction
from django.utils import timezone

from heard.accounts.models import User
from heard.accounts.services import (
    api_tokens_revoke_all,
    login_record_failure,
    login_refuse_if_locked,
    user_reauthenticate,
)
from heard.core.errors import DomainError, TooManyRequests
from heard.twostep.models import DIGITS, STEP_SECONDS, RecoveryCode, TotpDevice

RECOVERY_CODES = 10
# No 0/o, 1/l/i: they are read off paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ISSUER = "Heard"
WRONG_CODE = "That code didn't work. Check the time on your phone, or use a recovery code."


@dataclass(frozen=True)
class Provisioning:
    """What the authenticator app needs: scan the QR code, or type the secret."""

    secret: str  # base32, in groups of four
    url: str  # otpauth://

    def qr_svg(self) -> str:
        """The QR code as inline SVG, drawn here: the secret goes nowhere else."""
        import segno

        return str(
            segno.make(self.url, error="m").svg_inline(
                scale=5, border=2, dark="#000", light="#fff", omitsize=False
            )
        )


def _hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode("utf-8")).hexdigest()


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def device_for(*, user: User) -> TotpDevice | None:
    return TotpDevice.objects.filter(user=user).first()


def two_step_on(*, user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def provisioning_for(device: TotpDevice) -> Provisioning:
    secret = b32encode(bytes.fromhex(device.secret)).decode("ascii").rstrip("=")
    label = quote(f"{ISSUER}:{device.user.get_username()}")
    query = urlencode(
        {
            "secret": secret,
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_SECONDS,
        },
        quote_via=quote,
    )
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return Provisioning(secret=grouped, url=f"otpauth://totp/{label}?{query}")


def setup_start(*, user: User, password: str, ip: str) -> TotpDevice:
    """A new, unconfirmed app for this person (after the password). Nothing changes at login
    until a code from it matches (setup_confirm)."""
    # Outside any transaction: a wrong password must stay counted when this raises.
    user_reauthenticate(user=user, password=password, ip=ip)
    with transaction.atomic():
        if two_step_on(user=user):
            raise DomainError("Two-step sign-in is already on. Turn it off first to use a new app.")
        TotpDevice.objects.filter(user=user).delete()
        try:
            return TotpDevice.objects.create(
                user=user, name="Authenticator app", secret=secrets.token_hex(20), confirmed=False
            )
        except IntegrityError:  # the same person in two tabs at once
            raise DomainError("Setting up is already under way. Reload this page.") from None


def setup_confirm(*, user: User, code: str, ip: str) -> list[str]:
    """Turn two-step sign-in on once a code from the new app matches. Returns the recovery
    codes, shown once. Every API token ends: any made before may be someone else's."""
    _app_code(user=user, code=code, ip=ip, confirmed=False)
    with transaction.atomic():
        updated = TotpDevice.objects.filter(user=user, confirmed=False).update(
            confirmed=True, confirmed_at=timezone.now()
        )
        if not updated:
            raise DomainError("Start again: enter your password to set up two-step sign-in.")
        api_tokens_revoke_all(user=user)
        return _new_recovery_codes(user)


def _new_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash(c)) for c in codes)
    return codes


def recovery_codes_renew(*, user: User, password: str, ip: str) -> list[str]:
    """New recovery codes (the old ones stop working), after the password."""
    user_reauthenticate(user=user, password=password, ip=ip)
    with transaction.atomic():
        if not two_step_on(user=user):
            raise DomainError("Two-step sign-in is off, so there are no recovery codes to renew.")
        return _new_recovery_codes(user)


def _app_code(*, user: User, code: str, ip: str, confirmed: bool) -> None:
    """Check a code from the app. Failures are recorded and committed before anything is
    raised (raising inside a transaction would roll the count back)."""
    login_refuse_if_locked(username=user.username, ip=ip)
    with transaction.atomic():
        # Locked, so one code can't be used twice at the same moment.
        device = (
            TotpDevice.objects.select_for_update().filter(user=user, confirmed=confirmed).first()
        )
        if device is None:
            matched, wait = None, 0
        else:
            wait = device.seconds_to_wait()
            matched = False if wait else device.verify_token(code)
    if device is None:
        raise DomainError(
            "Start again: enter your password to set up two-step sign-in."
            if not confirmed
            else "Two-step sign-in is off for this account."
        )
    if wait:
        raise TooManyRequests(
            f"Too many codes that didn't match. Please wait {wait} second"
            f"{'s' if wait != 1 else ''} and try again."
        )
    if not matched:
        login_record_failure(username=user.username, ip=ip)
        raise DomainError(WRONG_CODE)


def code_check(*, user: User, code: str, ip: str) -> None:
    """The second step: a code from the app, or an unused recovery code (then it is used up).
    Wrong codes count against the same (username, IP) throttle as passwords, and the app's
    own back-off; raises DomainError (TooManyRequests while throttled)."""
    normalised = _normalise(code)
    if len(normalised) == DIGITS and normalised.isdigit():
        _app_code(user=user, code=normalised, ip=ip, confirmed=True)
        return
    login_refuse_if_locked(username=user.username, ip=ip)
    used = RecoveryCode.objects.filter(
        user=user, code_hash=_hash(code), used_at__isnull=True
    ).update(used_at=timezone.now())
    if not used or not two_step_on(user=user):
        login_record_failure(username=user.username, ip=ip)
        raise DomainError(WRONG_CODE)


def turn_off(*, user: User, password: str, code: str, ip: str) -> None:
    """Turn two-step sign-in off: the password and a code (app or recovery) again, so the
    password and an unlocked phone are not enough without the app."""
    user_reauthenticate(user=user, password=password, ip=ip)
    code_check(user=user, code=code, ip=ip)
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
