"""``{% allowed "app.action" user obj as may %}``: a template asks a rule exactly as views and
services do (``core.permissions.allowed``), so a platform admin is never offered a button
that the service behind it then refuses."""
from django import template

from clusterpolisee.core.permissions import allowed as _allowed

register = template.Library()


@register.simple_tag
def allowed(perm, user, obj=None) -> bool:
    return _allowed(user, perm, obj)
