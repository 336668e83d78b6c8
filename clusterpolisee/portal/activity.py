"""Recent activity, grouped: thirteen "published a good practice" lines become one."""
from dataclasses import dataclass, field

GROUP_WINDOW = 60  # latest visible items read for the dashboard (one query)
GROUP_LIMIT = 15   # groups shown


@dataclass
class ActivityGroup:
    items: list = field(default_factory=list)

    @property
    def first(self):
        return self.items[0]

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def actors(self) -> list:
        seen, names = set(), []
        for item in self.items:
            key = item.actor_id
            if key not in seen:
                seen.add(key)
                names.append(item.actor)
        return names

    @property
    def other_actors(self) -> int:
        return len(self.actors) - 1


def grouped_activity(activities, *, limit: int = GROUP_LIMIT) -> list[ActivityGroup]:
    """Items of the same kind in the same working group, newest group first.

    ``activities`` is already scoped to the reader (``activities_visible_to``) and newest
    first; a group keeps the order of its items and is placed where its newest item was."""
    groups: dict[tuple, ActivityGroup] = {}
    for item in activities:
        key = (item.verb, item.working_group_id)
        group = groups.get(key)
        if group is None:
            if len(groups) >= limit:
                continue
            group = groups[key] = ActivityGroup()
        group.items.append(item)
    return list(groups.values())
