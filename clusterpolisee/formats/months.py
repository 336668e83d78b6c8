"""Month names for our catalogue, so that they read as each language writes them in a date.

Django formats "F" with ``_("December")`` and "E" with ``pgettext("alt. month", "December")``
from its own catalogues, several of which capitalise what their language writes in lowercase
("2 Декември 2026", "2 Dicembre 2026") or give the nominative where a date needs the
genitive. Our catalogue (LOCALE_PATHS) is read first, so these entries win: the nominative
month as it stands in a running date, and under "alt. month" the form a day number takes.
Nothing imports this module; ``makemessages`` reads it.
"""
from django.utils.translation import gettext_lazy, pgettext_lazy

MONTHS = (
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
)

MONTHS_IN_A_DATE = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
