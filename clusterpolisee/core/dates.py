"""The range of dates this platform accepts and shows."""
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Dates people can mean on this platform. Far outside it, time-zone arithmetic overflows
# (9999-12-31 22:00 is already year 10000 in Sofia) and pages that show the date break
# for everybody, so such a date is refused where it is typed.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def validate_sensible_date(value):
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}, code="date_range")


def shown_range() -> tuple[datetime.datetime, datetime.datetime]:
    """The instants a page may show without time-zone arithmetic overflowing: a row
    stored before dates were checked, outside this range, is left out of lists."""
    return (datetime.datetime(EARLIEST_YEAR, 1, 1, tzinfo=datetime.UTC),
            datetime.datetime(LATEST_YEAR, 12, 31, tzinfo=datetime.UTC))
