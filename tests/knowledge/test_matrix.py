"""The WG × stage matrix counts good practices and links to them by WG and stage."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_matrix_cells_count_the_visible_practices_and_link_by_wg_and_stage(
        client, people, make_practice, taxonomy):
    for n in range(2):
        make_practice(title=f"Voucher scheme {n}", wgs=[people.wg3], stage=taxonomy["stage1"])
    make_practice(title="Second-stage network", wgs=[people.wg3], stage=taxonomy["stage2"])
    make_practice(title="Draft not counted", wgs=[people.wg3], stage=taxonomy["stage1"],
                  live=False)
    client.force_login(people.marche_member)
    page = client.get(reverse("workgroups:matrix")).content.decode()
    link = f'{reverse("knowledge:library")}?wg=WG3&amp;stage=1">2 good practices</a>'
    assert link in page
    assert f'{reverse("knowledge:library")}?wg=WG3&amp;stage=2">1 good practice</a>' in page
    assert "?wg=WG3&amp;stage=1&amp;scope=all" in page  # documents of the cell too
    library = client.get(reverse("knowledge:library"), {"wg": "WG3", "stage": "1"})
    text = library.content.decode()
    assert "Voucher scheme 0" in text and "Voucher scheme 1" in text
    assert "Second-stage network" not in text and "Draft not counted" not in text
