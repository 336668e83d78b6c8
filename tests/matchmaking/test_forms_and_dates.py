"""The opportunity form's choices and how matchmaking pages write dates."""
import datetime

import pytest
from django.urls import reverse
from django.utils import formats

from .conftest import make_opportunity

pytestmark = pytest.mark.django_db


def test_the_opportunity_form_has_no_blank_direction_ticked(client, people):
    client.force_login(people.marche_member)
    page = client.get(reverse("matchmaking:opportunity_create")).content.decode()
    direction = page.split('name="direction"', 1)[1].split("</fieldset>")[0]
    assert "---------" not in direction
    assert 'name="direction" value=""' not in page
    assert 'name="direction" value="offer"' in page and "checked" not in page.split(
        'name="direction"')[1].split(">")[0]


def test_matchmaking_dates_use_the_localised_date_format_not_us_short_dates(
        client, people, sectors):
    deadline = datetime.date(2027, 1, 12)
    offer = make_opportunity(people.marche_member, [sectors["C"]], deadline=deadline)
    client.force_login(people.veneto_member)
    expected = formats.date_format(deadline, "DATE_FORMAT")
    for url in (reverse("matchmaking:index"), offer.get_absolute_url()):
        page = client.get(url).content.decode()
        assert expected in page and "01/12/2027" not in page
