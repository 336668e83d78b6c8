"""WG space, matrix, pilot-action list and WP page: query counts constant from 1x to 10x."""
from datetime import date

import pytest

from clusterpolisee.core import page_cache
from tests.factories import PartnerFactory, WorkPackageFactory, staff
from workgroups import services
from workgroups.models import Deliverable, Finding

pytestmark = pytest.mark.django_db


def grow(people, stages, n, start=0):
    for i in range(start, start + n):
        partner = PartnerFactory(country=people.marche.country)
        people.wg3.member_partners.add(partner)
        staff(partner)
        topic = services.topic_create(wg=people.wg3, user=people.marche_member,
                                      title=f"Topic {i}", body="<p>x</p>")
        services.reply_create(topic=topic, user=people.bsmepa_member, body="y")
        services.pilot_create(wg=people.wg3, user=people.wg3_coordinator, stage=stages[i % 2],
                              title=f"Pilot {i}", objectives="o", region="r", partner=partner,
                              indicators=[("i", "", 0, 1)])
        Finding.objects.create(working_group=people.wg3, stage=stages[i % 2], title=f"F{i}",
                               body="b")
        Deliverable.objects.create(work_package=people.wp3, code=f"D3.{i + 1}", title="d",
                                   partner=partner, due_date=date(2013, 1, 1))


@pytest.mark.parametrize("url,persona,expected", [
    ("/wg/WG3/", "wg3_coordinator", 16),  # +1: activity selector (issue 13); -2: no
    # "ask to join" flags for a member (issue 14)
    ("/wg/matrix/", "marche_member", 9),  # + practices per WG and stage
    ("/wg/pilots/", "veneto_member", 9),
    ("/wp/WP3/", "veneto_member", 8),  # + adopted strategy versions
])
def test_query_count_is_constant_from_1x_to_10x(client, people, stages,
                                                django_assert_num_queries, url, persona,
                                                expected):
    people.wp3 = WorkPackageFactory(code="WP3", title="Platform")
    client.force_login(getattr(people, persona))
    grow(people, stages, 2)
    client.get(url)
    page_cache.bump()  # computed, not the WG activity fragment from the cache
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    grow(people, stages, 18, start=2)
    page_cache.bump()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
