"""The first version of the framework from ``data/framework.json`` (8 dimensions × 3
criteria × 5 levels), created once; editors version it in the admin afterwards."""
from pathlib import Path

from django.db import transaction

from clusterpolisee.core.demo import load_data

from .models import Framework

DATA = Path(__file__).parent / "data" / "framework.json"


@transaction.atomic
def framework_load_default() -> Framework:
    from workgroups.models import WorkingGroup

    data = load_data(DATA)
    existing = Framework.objects.filter(name=data["name"]).order_by("-version").first()
    if existing is not None:
        return existing
    framework = Framework.objects.create(name=data["name"], version=1,
                                         description=data["description"])
    groups = {wg.code: wg for wg in WorkingGroup.objects.all()}
    for position, row in enumerate(data["dimensions"], start=1):
        dimension = framework.dimensions.create(
            code=row["code"], title=row["title"], description=row["description"],
            position=position, working_group=groups.get(row["working_group"] or ""))
        for c_position, criterion_row in enumerate(row["criteria"], start=1):
            criterion = dimension.criteria.create(code=criterion_row["code"],
                                                  title=criterion_row["title"],
                                                  position=c_position)
            criterion.levels.bulk_create([
                criterion.levels.model(criterion=criterion, score=score, descriptor=text)
                for score, text in enumerate(criterion_row["levels"], start=1)])
    return framework
