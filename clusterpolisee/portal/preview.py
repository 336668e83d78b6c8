"""The Markdown preview of the topic, reply, comment and note forms.

With htmx the form's text is posted here and the rendered fragment replaces the preview
box. Without JavaScript the same button posts the whole form here (``formaction``); the
page shows the preview and the form again, with every other field carried over, posting to
the form's own address. Only the posted text is rendered: nothing is looked up, so the
preview can reveal nothing the writer did not type.
"""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from clusterpolisee.core.html import render_markdown

PREVIEW_MAX_CHARS = 20000
_OWN_FIELDS = {"csrfmiddlewaretoken", "preview_field", "preview_action"}


@login_required
@require_POST
def markdown_preview(request):
    field = request.POST.get("preview_field", "body")
    if not field.isidentifier():
        field = "body"
    text = request.POST.get(field, "")[:PREVIEW_MAX_CHARS]
    context = {"html": render_markdown(text)}
    if request.htmx:
        return render(request, "includes/markdown_preview.html", context)
    action = request.POST.get("preview_action", "")
    if not (action.startswith("/") and url_has_allowed_host_and_scheme(
            action, allowed_hosts={request.get_host()}, require_https=request.is_secure())):
        action = ""
    carried = [(name, value) for name, values in request.POST.lists()
               if name not in _OWN_FIELDS and name != field for value in values]
    context.update({"field": field, "text": text, "action": action, "carried": carried})
    return render(request, "portal/markdown_preview.html", context)
