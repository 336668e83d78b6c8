"""Links for the library's facets, and the editors' site menus in the base template."""
from django import template

register = template.Library()


@register.simple_tag
def facet_link(request, name, value):
    params = request.GET.copy()
    params.pop("page", None)
    params[name] = value
    return f"?{params.urlencode()}"


@register.filter
def facet_chosen(chosen, name):
    value = chosen.get(name)
    return "" if value is None else str(value)


@register.simple_tag(takes_context=True)
def site_menu(context, slot):
    """The editors' menu for ``slot`` ("main" or "footer"), as this reader may see it."""
    from knowledge.navigation import menu_items_for

    request = context.get("request")
    if request is None:
        return []
    return menu_items_for(request, slot)


@register.filter
def is_expert_opinion_step(task) -> bool:
    """Whether a workflow task is the expert-opinion step (knowledge.workflow)."""
    from knowledge.workflow import is_expert_opinion_task

    return is_expert_opinion_task(task)


@register.simple_tag
def location_map(longitude, latitude, country=None):
    """A small server-drawn map with a marker (no tiles: nothing leaves the reader's machine)."""
    from clusterpolisee.core.maps import point_map

    return point_map(float(longitude), float(latitude),
                     iso=getattr(country, "iso_code", "") or "")
