import pytest

from workgroups.models import OperationalStage


@pytest.fixture
def stages(db):
    return [OperationalStage.objects.get_or_create(number=n, defaults={"title": f"Stage {n}"})[0]
            for n in (1, 2)]


@pytest.fixture
def pilot(people, stages):
    from workgroups import services

    return services.pilot_create(
        wg=people.wg3, user=people.wg3_coordinator, stage=stages[0], title="Cluster exchange",
        objectives="Test peer learning.", region="Marche", partner=people.marche,
        indicators=[("Managers trained", "people", 0, 20)])
