"""The framework in Wagtail's /cms/: editors manage it there; a framework used by a round
refuses edits and deletion through those pages too, and is copied into a new version."""
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from assessments.models import Criterion, Dimension, Framework, Level
from tests.factories import UserFactory, with_totp

FRAMEWORKS = "/cms/assessments/frameworks/"


def _criterion(framework):
    return Criterion.objects.filter(dimension__framework=framework).select_related(
        "dimension").first()


def test_migration_0003_gives_the_editors_group_the_framework_permissions(db):
    # run on the historical apps: a transactional test's flush on this worker may have
    # removed what the migrations left, and the migration must not rely on it being there
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = import_module("assessments.migrations.0003_editors_manage_the_framework")
    Group.objects.filter(name="Editors").delete()
    state = MigrationExecutor(connection).loader.project_state(
        ("assessments", "0003_editors_manage_the_framework"))
    migration.grant(state.apps, connection.schema_editor())
    codenames = set(Group.objects.get(name="Editors").permissions.filter(
        content_type__app_label="assessments").values_list("codename", flat=True))
    for model in ("framework", "dimension", "criterion", "level"):
        assert {f"{action}_{model}" for action in ("add", "change", "delete", "view")} <= (
            codenames)


def test_an_editor_lists_frameworks_and_edits_one_no_round_uses(client, people, framework):
    client.force_login(people.cms_editor)
    listing = client.get(FRAMEWORKS)
    assert listing.status_code == 200 and str(framework) in listing.content.decode()
    criterion = _criterion(framework)
    response = client.post(f"/cms/assessments/criteria/edit/{criterion.pk}/", {
        "dimension": criterion.dimension_id, "position": 1, "code": criterion.code,
        "title_en": "Reworded before any round", "title_el": "Αναδιατυπωμένο", "guidance_en": ""})
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.title == "Reworded before any round"
    with translation.override("el"):
        assert criterion.title == "Αναδιατυπωμένο"
    with translation.override("bg"):  # no Bulgarian text: the English one
        assert criterion.title == "Reworded before any round"


@pytest.mark.parametrize("kind", ["frameworks", "dimensions", "criteria", "levels"])
def test_a_framework_in_use_offers_no_edit_and_refuses_its_edit_page(
        client, people, open_round, kind):
    framework = open_round.framework
    criterion = _criterion(framework)
    target = {"frameworks": framework, "dimensions": criterion.dimension,
              "criteria": criterion, "levels": criterion.levels.first()}[kind]
    client.force_login(people.cms_editor)
    for url in (f"/cms/assessments/{kind}/edit/{target.pk}/",
                f"/cms/assessments/{kind}/delete/{target.pk}/"):
        page = client.get(url, follow=True)
        assert page.redirect_chain[0][0] == f"/cms/assessments/{kind}/"
        assert "cannot change while in use" in page.content.decode()
        posted = client.post(url, {"title": "Changed", "name": "Changed",
                                   "descriptor": "Changed"})
        assert posted.status_code == 302
    assert type(target).objects.filter(pk=target.pk).exists()
    target.refresh_from_db()
    assert "Changed" not in {getattr(target, f, "") for f in ("title", "name", "descriptor")}
    assert f"/cms/assessments/{kind}/edit/{target.pk}/" not in client.get(
        f"/cms/assessments/{kind}/").content.decode()


def test_a_new_criterion_in_a_framework_in_use_is_refused_with_the_reason(
        client, people, open_round):
    dimension = Dimension.objects.filter(framework=open_round.framework).first()
    client.force_login(people.cms_editor)
    response = client.post("/cms/assessments/criteria/new/", {
        "dimension": dimension.pk, "position": 9, "code": "extra", "title_en": "Extra",
        "guidance_en": ""})
    assert response.status_code == 200
    assert "cannot change while in use" in response.content.decode()
    assert not Criterion.objects.filter(code="extra").exists()


def test_an_editor_makes_a_new_version_of_a_framework_in_use_and_edits_it(
        client, people, open_round):
    client.force_login(people.cms_editor)
    old = open_round.framework
    url = f"{FRAMEWORKS}new-version/{old.pk}/"
    assert url in client.get(FRAMEWORKS).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url)
    copy = Framework.objects.get(name=old.name, version=2)
    assert response.status_code == 302
    assert response["Location"] == f"{FRAMEWORKS}edit/{copy.pk}/"
    assert client.get(response["Location"]).status_code == 200
    assert Level.objects.filter(criterion__dimension__framework=copy).count() == 8 * 3 * 5


@pytest.mark.parametrize("persona", ["marche_member", "marche_admin", "wg3_coordinator",
                                     "stakeholder"])
def test_people_who_are_not_editors_get_403_in_the_framework_pages(
        client, people, framework, persona):
    client.force_login(getattr(people, persona))
    criterion = _criterion(framework)
    for url in (FRAMEWORKS, f"{FRAMEWORKS}new-version/{framework.pk}/",
                f"/cms/assessments/criteria/edit/{criterion.pk}/"):
        assert client.get(url).status_code == 403
    assert client.post(f"{FRAMEWORKS}new-version/{framework.pk}/").status_code == 403
    assert Framework.objects.count() == 1


def test_someone_in_the_cms_without_the_framework_permissions_is_turned_away(
        client, framework):
    user = with_totp(UserFactory(email="moderator@example.org"))
    group = Group.objects.create(name="Only the CMS")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    for url in (FRAMEWORKS, f"{FRAMEWORKS}new-version/{framework.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/cms/"
    client.post(f"{FRAMEWORKS}new-version/{framework.pk}/")
    assert Framework.objects.count() == 1
