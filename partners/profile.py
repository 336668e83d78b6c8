"""Sections the feature apps add to a partner's profile page.

The partners app knows no feature app (see docs/STYLE: dependencies point down), yet a
partner's profile shows its practices, pilot actions and matchmaking profile. Each feature
app therefore keeps a ``partner_profile.py`` that registers a section; the profile page asks
every section for what *this reader* may see (each section reads through its app's
visibility selector) and includes its template.
"""
from dataclasses import dataclass, field

_SECTIONS = []


@dataclass
class Section:
    template: str
    context: dict = field(default_factory=dict)


def register(order: int):
    """Decorator: ``fn(request, partner) -> Section | None``, shown in ``order``."""
    def decorate(fn):
        _SECTIONS.append((order, fn))
        _SECTIONS.sort(key=lambda item: item[0])
        return fn
    return decorate


def sections_for(request, partner) -> list[Section]:
    return [section for _order, fn in _SECTIONS if (section := fn(request, partner))]
