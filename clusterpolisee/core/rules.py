"""Loads the platform-wide rules (django-rules autodiscovers each app's rules.py)."""
from . import permissions  # noqa: F401
