from django import forms
from django.utils.translation import gettext_lazy as _

from clusterpolisee.core.widgets import DateTimeLocalInput

from .models import SCALE


class RoundOpenForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120,
                            help_text=_("E.g. Mid-term 2013."))
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=None)
    deadline = forms.DateTimeField(
        label=_("Deadline"), widget=DateTimeLocalInput(),
        help_text=_("Self-assessments must be submitted by then; the round closes itself."))

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks


class AnswerForm(forms.Form):
    """One criterion of a self-assessment; ``prefix`` keeps the criteria apart on a page."""

    score = forms.TypedChoiceField(label=_("Score"), required=False, coerce=int,
                                   empty_value=None, widget=forms.RadioSelect)
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}))
    past_actions = forms.CharField(label=_("Past actions"), required=False, max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    current_state = forms.CharField(label=_("Current state"), required=False, max_length=5000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    vision = forms.CharField(label=_("Vision for future actions"), required=False,
                             max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    documents = forms.TypedMultipleChoiceField(
        label=_("Your documents as evidence"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only documents shared with all partners can be evidence."))
    practices = forms.TypedMultipleChoiceField(
        label=_("Good practices as evidence"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, criterion, documents, practices, **kwargs):
        super().__init__(*args, **kwargs)
        levels = {level.score: level.descriptor for level in criterion.levels.all()}
        self.fields["score"].choices = [(s, f"{s} – {levels.get(s, '')}") for s in SCALE]
        self.fields["documents"].choices = [(d.pk, d.title) for d in documents]
        self.fields["practices"].choices = [(p.pk, p.title) for p in practices]
        if not documents:
            del self.fields["documents"]
        if not practices:
            del self.fields["practices"]


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Review comment"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    proposed_score = forms.TypedChoiceField(
        label=_("Proposed score"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Agree with the self-assessed score"))] + [(s, str(s)) for s in SCALE])


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("Your answer to the reviewers"), max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}))


class ReviewerForm(forms.Form):
    reviewer = forms.TypedChoiceField(label=_("Reviewer"), coerce=int)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [
            (m.user_id, f"{m.partner.label} – {m.user.full_name or m.user.email}")
            for m in candidates]


class LearningRequestForm(forms.Form):
    message = forms.CharField(label=_("Message"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
