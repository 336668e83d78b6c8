"""Turning a draft practice back into the portal form's initial values."""
from .forms import SUBMISSION_FIELDS

M2M = ("working_groups", "themes")


def submission_form_initial(draft) -> dict:
    initial = {}
    for name in SUBMISSION_FIELDS:
        value = getattr(draft, name)
        if name in M2M:
            value = [item.pk for item in value.all()]
        elif hasattr(value, "pk"):
            value = value.pk
        initial[name] = value
    return initial
