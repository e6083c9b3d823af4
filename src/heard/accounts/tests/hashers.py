from heard.accounts.hashers import BoundedArgon2PasswordHasher


class CheapArgon2PasswordHasher(BoundedArgon2PasswordHasher):
    """Argon2id with a tiny cost, so the suite stays fast (through the same hashing gate)."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1
