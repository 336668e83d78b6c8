"""Checks the production settings run before anything starts."""

PLACEHOLDER_WORDS = ("change-me", "changeme", "build-only", "insecure", "placeholder",
                     "example", "secret-key-here")
MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 10


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` must not sign production sessions, or None when it may.

    Refuses what a copied config file or a forgotten default looks like, not only what is
    short: a 54-character "change-me-change-me-…" passes Django's own length check.
    """
    if not key:
        return "Set DJANGO_SECRET_KEY (at least 50 random characters)."
    lowered = key.lower()
    word = next((w for w in PLACEHOLDER_WORDS if w in lowered), None)
    if word:
        return f"DJANGO_SECRET_KEY looks like a placeholder (contains {word!r}); set a random one."
    if len(key) < MIN_LENGTH:
        return f"DJANGO_SECRET_KEY is too short: at least {MIN_LENGTH} random characters."
    if len(set(key)) < MIN_UNIQUE_CHARACTERS:
        return "DJANGO_SECRET_KEY repeats too few characters to be random; set a random one."
    return None
