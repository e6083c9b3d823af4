"""Two-step sign-in: an authenticator app (TOTP) and one-time recovery codes.

Built on django-otp's Device, throttling and TOTP algorithm, with our own models so the
secret is encrypted at rest (django-otp's TOTPDevice keeps it in the clear) and recovery
codes are kept only as hashes."""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin
from django_otp.oath import TOTP

from heard.core.crypto import EncryptedTextField

STEP_SECONDS = 30
DIGITS = 6
# However many codes someone gets wrong, the next try waits at most this long: the device's
# own back-off doubles from 1 second, and without a ceiling a partner who knows the
# password could keep the owner locked out for days.
LONGEST_WAIT = timedelta(minutes=5)


class TotpDevice(ThrottlingMixin, Device):
    """The person's authenticator app. One per person; `confirmed` once a code from it matched."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_devices"
    )
    secret = EncryptedTextField()  # the shared key, hex, encrypted like everything typed
    drift = models.SmallIntegerField(default=0)
    # The time step of the last code used: a code works once.
    last_t = models.BigIntegerField(default=-1)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user"], name="totp_one_per_person")]

    def _totp(self) -> TOTP:
        totp = TOTP(bytes.fromhex(self.secret), STEP_SECONDS, 0, DIGITS, self.drift)
        totp.time = time.time()
        return totp

    def verify_token(self, token: object) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        digits = "".join(ch for ch in str(token) if not ch.isspace())
        totp = self._totp()
        verified = (
            len(digits) == DIGITS
            and digits.isdigit()
            and totp.verify(int(digits), tolerance=1, min_t=self.last_t + 1)
        )
        if verified:
            self.last_t = totp.t()
            self.drift = totp.drift
            self.throttle_reset(commit=False)
            self.save()
        else:
            self.throttle_increment(commit=True)
        return bool(verified)

    def get_throttle_factor(self) -> int:
        return 1

    def verify_is_allowed(self) -> tuple[bool, dict | None]:
        allowed, data = super().verify_is_allowed()
        if allowed or data is None or self.throttling_failure_timestamp is None:
            return allowed, data
        ceiling = self.throttling_failure_timestamp + LONGEST_WAIT
        if timezone.now() >= ceiling:
            return True, None
        data["locked_until"] = min(data["locked_until"], ceiling)
        return False, data

    def seconds_to_wait(self) -> int:
        allowed, data = self.verify_is_allowed()
        if allowed or data is None:
            return 0
        return max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))


class RecoveryCode(models.Model):
    """A one-time code for when the app isn't at hand. Only a SHA-256 of it is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique")
        ]
