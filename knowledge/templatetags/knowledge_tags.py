"""Links for the library's facets: the current search with one facet set to a value."""
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
