from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with a tiny cost, so the suite stays fast."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1
