"""The assessment framework in /cms/, where editors work: frameworks, dimensions,
criteria and maturity levels, one listing each under "Assessment framework".

A framework used by a round is locked: its listing offers no edit or delete, the edit and
delete pages send editors back with the reason, and the models' ``clean`` refuses a change
whatever the path. "Make a new version" copies it (``services.framework_new_version``)
for editing. Wagtail checks the model permissions, which the Editors group holds
(migration 0003).
"""
from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from clusterpolisee.core.labels import columns
from clusterpolisee.core.permissions import check_perm

from . import services
from .models import Criterion, Dimension, Framework, Level


def framework_of(instance) -> Framework:
    return instance if isinstance(instance, Framework) else instance.framework_of()


def locked_message(framework: Framework) -> str:
    titles = ", ".join(framework.rounds.values_list("title", flat=True))
    return _("“%(framework)s” is used by the round(s) %(rounds)s and cannot change while in "
             "use. Make a new version of it instead.") % {"framework": framework,
                                                          "rounds": titles}


class LockedFrameworkPolicy(ModelPermissionPolicy):
    """The model permissions, less change and delete of anything in a locked framework."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and framework_of(instance).is_locked():
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class LockedIndexView(generic.IndexView):
    def get_edit_url(self, instance):
        if framework_of(instance).is_locked():
            return None
        return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if framework_of(instance).is_locked():
            return None
        return super().get_delete_url(instance)


class RefuseLockedMixin:
    """Editing or deleting a part of a framework in use goes back to the listing."""

    def dispatch(self, request, *args, **kwargs):
        # the model permission the view's policy asks (Editors hold it, migration 0003)
        check_perm(request.user, f"{self.model._meta.app_label}."
                   f"{get_permission_codename(self.permission_required, self.model._meta)}")
        framework = framework_of(self.get_object())
        if framework.is_locked():
            messages.error(request, locked_message(framework))
            return redirect(reverse(self.index_url_name))
        return super().dispatch(request, *args, **kwargs)


class LockedEditView(RefuseLockedMixin, generic.EditView):
    pass


class LockedDeleteView(RefuseLockedMixin, generic.DeleteView):
    pass


class FrameworkPartViewSet(ModelViewSet):
    index_view_class = LockedIndexView
    edit_view_class = LockedEditView
    delete_view_class = LockedDeleteView
    copy_view_enabled = False  # a copy of one part would land in the same framework
    add_to_admin_menu = False


class FrameworkIndexView(LockedIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("add"):
            buttons.append(MenuItem(_("Make a new version"), icon_name="copy", priority=25,
                                    url=reverse("assessment_frameworks:new_version",
                                                args=[instance.pk])))
        return buttons


class NewVersionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then copy the framework with its dimensions, criteria and levels."""

    permission_policy = None
    permission_required = "add"
    index_url_name = None
    edit_url_name = None
    template_name = "assessments/cms/new_version.html"
    page_title = gettext_lazy("Make a new version")
    header_icon = "copy"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Framework, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(framework=self.object,
                                        index_url=reverse(self.index_url_name), **kwargs)

    def post(self, request, *args, **kwargs):
        copy = services.framework_new_version(framework=self.object)
        messages.success(request, _("Created %(framework)s: edit it here; the rounds using "
                                    "%(old)s keep it unchanged.") % {"framework": copy,
                                                                    "old": self.object})
        return redirect(reverse(self.edit_url_name, args=[copy.pk]))


class FrameworkViewSet(FrameworkPartViewSet):
    model = Framework
    icon = "clipboard-list"
    menu_label = gettext_lazy("Frameworks")
    index_view_class = FrameworkIndexView
    form_fields = ["version", *columns("name", "description")]
    list_display = ["__str__", "version", "created_at"]
    search_fields = ["name"]

    @property
    def new_version_view(self):
        return self.construct_view(NewVersionView, permission_policy=self.permission_policy,
                                   index_url_name=self.get_url_name("index"),
                                   edit_url_name=self.get_url_name("edit"))

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("new-version/<int:pk>/", self.new_version_view, name="new_version")]


class DimensionViewSet(FrameworkPartViewSet):
    model = Dimension
    icon = "table"
    menu_label = gettext_lazy("Dimensions")
    form_fields = ["framework", "position", "code", *columns("title", "description"),
                   "working_group"]
    list_display = ["title", "framework", "position", "working_group"]
    list_filter = ["framework"]
    search_fields = ["title"]


class CriterionViewSet(FrameworkPartViewSet):
    model = Criterion
    icon = "list-ul"
    menu_label = gettext_lazy("Criteria")
    form_fields = ["dimension", "position", "code", *columns("title", "guidance")]
    list_display = ["title", "dimension", "position"]
    list_filter = ["dimension"]
    search_fields = ["title"]


class LevelViewSet(FrameworkPartViewSet):
    model = Level
    icon = "order"
    menu_label = gettext_lazy("Maturity levels")
    form_fields = ["criterion", "score", *columns("descriptor")]
    list_display = ["descriptor", "criterion", "score"]
    list_filter = ["criterion", "score"]
    search_fields = ["descriptor"]


class AssessmentFrameworkGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Assessment framework")
    menu_icon = "clipboard-list"
    menu_order = 160
    items = (
        FrameworkViewSet("assessment_frameworks", url_prefix="assessments/frameworks"),
        DimensionViewSet("assessment_dimensions", url_prefix="assessments/dimensions"),
        CriterionViewSet("assessment_criteria", url_prefix="assessments/criteria"),
        LevelViewSet("assessment_levels", url_prefix="assessments/levels"),
    )


for _model in (Framework, Dimension, Criterion, Level):
    register_permission_policy(_model, LockedFrameworkPolicy(_model))


@hooks.register("register_admin_viewset")
def register_assessment_framework():
    return AssessmentFrameworkGroup()
