"""Fixtures for the library: the site tree, taxonomy and a quick way to make practices."""
import datetime

import pytest
from django.utils import timezone

from knowledge.models import GoodPracticePage, InstrumentType, Theme
from knowledge.site import ensure_site_tree
from workgroups.models import OperationalStage


@pytest.fixture
def library(people):
    return ensure_site_tree()[1]


@pytest.fixture
def taxonomy(db):
    return {
        "vouchers": Theme.objects.get_or_create(name="Innovation vouchers",
                                                slug="innovation-vouchers")[0],
        "green": Theme.objects.get_or_create(name="Green economy", slug="green-economy")[0],
        "grant": InstrumentType.objects.get_or_create(name="Grant scheme",
                                                      slug="grant-scheme")[0],
        "network": InstrumentType.objects.get_or_create(name="Network or platform",
                                                        slug="network")[0],
        "stage1": OperationalStage.objects.get_or_create(number=1, defaults={
            "title": "Find the gaps and barriers"})[0],
        "stage2": OperationalStage.objects.get_or_create(number=2, defaults={
            "title": "Improve policy design"})[0],
    }


_counter = iter(range(10**6))


@pytest.fixture
def make_practice(library, people, taxonomy):
    """A published practice; keyword arguments override the fields."""
    def _make(*, title=None, wgs=(), themes=(), live=True, **fields):
        n = next(_counter)
        fields.setdefault("summary", f"A cluster policy practice number {n}.")
        fields.setdefault("partner", people.marche)
        fields.setdefault("country", fields["partner"].country if fields["partner"] else None)
        page = GoodPracticePage(title=title or f"Practice {n}", slug=f"practice-{n}",
                                live=live, **fields)
        if live:
            page.first_published_at = page.last_published_at = (
                timezone.now() - datetime.timedelta(minutes=n))
        page.working_groups.set(list(wgs))
        page.themes.set(list(themes))
        library.add_child(instance=page)
        return page
    return _make
