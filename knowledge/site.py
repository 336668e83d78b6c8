"""The fixed skeleton of the public site: the home page at "/", the library's index page,
the review workflow and the editors' permissions on the library.

Migrations create it in a fresh database; ``ensure_site_tree`` puts back whatever is
missing (transactional tests flush Wagtail's tables; ``seed_demo`` calls it too).
"""
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from clusterpolisee.core.address import site_host_and_port, site_name

WORKFLOW_NAME = "Good-practice review"
EDITOR_TASK_NAME = "Editor review"
EXPERT_TASK_NAME = "Expert opinion"
LIBRARY_SLUG = "practices"


# Snippets editors manage in /cms/ (Wagtail checks the model permissions).
EDITOR_SNIPPETS = ("menu", "theme", "instrumenttype")


def editors_group() -> Group:
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                 codename="access_admin"))
    group.permissions.add(*Permission.objects.filter(
        content_type__app_label="knowledge", content_type__model__in=EDITOR_SNIPPETS,
        codename__regex=r"^(add|change|delete|view)_"))
    return group


@transaction.atomic
def ensure_site_tree():
    """Root → HomePage → GoodPracticeIndexPage, the default Site on the home page, the
    review workflow on the library, and editors' page permissions. Idempotent."""
    from .models import GoodPracticeIndexPage, HomePage

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    locale, _ = Locale.objects.get_or_create(language_code="en")
    for code in ("bg",):
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=locale)
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        # Wagtail's migrations leave a plain "Welcome" page at "/"; the home page replaces it.
        Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore",
                            content_type__model="page").delete()
        root.refresh_from_db()
    if home is None:
        home = root.add_child(instance=HomePage(title="ClusterPoliSEE", slug="home",
                                                locale=locale))
    # the Site carries the configured public address, so that full URLs of pages (the
    # sitemap, exports) point there and not to "http://localhost/"
    hostname, port = site_host_and_port()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True,
                            site_name=site_name())
    elif site.root_page_id != home.pk or (site.hostname, site.port) != (hostname, port):
        site.root_page, site.hostname, site.port = home, hostname, port
        site.save(update_fields=["root_page", "hostname", "port"])
    library = GoodPracticeIndexPage.objects.filter(locale=locale).first()
    if library is None:
        library = home.add_child(instance=GoodPracticeIndexPage(
            title="Good-practice library", slug=LIBRARY_SLUG, locale=locale))
    workflow = practice_workflow()
    WorkflowPage.objects.get_or_create(page=library, defaults={"workflow": workflow})
    group = editors_group()
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.get(content_type__app_label="wagtailcore",
                                            codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=home,
                                                  permission=permission)
    return home, library


def practice_workflow() -> Workflow:
    """Partner submission → editor review (request changes / approve) → expert opinion
    (a STAB member writes it from the portal, or the editors publish without one) →
    publish. Built only when the workflow is new or empty: the tasks an editor later
    removes or adds in /cms/workflows/ stay as they are."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=EDITOR_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=EDITOR_TASK_NAME)
            task.groups.set([editors_group()])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task,
                                           defaults={"sort_order": 0})
        WorkflowTask.objects.get_or_create(workflow=workflow, task=expert_opinion_task(),
                                           defaults={"sort_order": 1})
    return workflow


def expert_opinion_task():
    from .workflow import ExpertOpinionTask

    task = ExpertOpinionTask.objects.filter(name=EXPERT_TASK_NAME).first()
    if task is None:
        task = ExpertOpinionTask.objects.create(name=EXPERT_TASK_NAME)
        task.groups.set([editors_group()])
    return task


def library_page():
    from .models import GoodPracticeIndexPage

    """The library of the default language, where partner submissions are filed."""
    return (GoodPracticeIndexPage.objects.filter(locale__language_code="en").first()
            or ensure_site_tree()[1])
