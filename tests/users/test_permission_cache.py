"""A user's model permissions come from the shared cache (users/backends.py) until a change
of their flags, their groups or a group's permissions: then the next request asks again."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ACCESS_ADMIN = "wagtailadmin.access_admin"


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.USER_PERMISSIONS_CACHE_SECONDS = 3600


def fresh(user):
    """The user as the next request loads them (nothing kept on the object)."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def editors():
    group = Group.objects.create(name="Cache editors")
    group.permissions.add(Permission.objects.get(codename="access_admin",
                                                 content_type__app_label="wagtailadmin"))
    return group


def test_the_next_request_asks_no_query(django_assert_num_queries):
    user = UserFactory()
    assert not fresh(user).has_perm(ACCESS_ADMIN)
    again = fresh(user)
    with django_assert_num_queries(0):
        assert not again.has_perm(ACCESS_ADMIN)


def test_joining_and_leaving_a_group_is_in_the_next_answer(editors):
    user = UserFactory()
    assert not fresh(user).has_perm(ACCESS_ADMIN)
    user.groups.add(editors)
    assert fresh(user).has_perm(ACCESS_ADMIN)
    assert fresh(user).is_cms_editor
    editors.user_set.remove(user)  # from the other side of the relation
    assert not fresh(user).has_perm(ACCESS_ADMIN)


def test_a_groups_permission_taken_away_is_in_the_next_answer(editors):
    user = UserFactory()
    user.groups.add(editors)
    assert fresh(user).has_perm(ACCESS_ADMIN)
    editors.permissions.clear()
    assert not fresh(user).has_perm(ACCESS_ADMIN)


def test_a_deactivated_user_and_a_deleted_group_lose_them_at_once(editors):
    user = UserFactory()
    user.groups.add(editors)
    assert fresh(user).has_perm(ACCESS_ADMIN)
    editors.delete()
    assert not fresh(user).has_perm(ACCESS_ADMIN)
    user.user_permissions.add(Permission.objects.get(codename="access_admin",
                                                     content_type__app_label="wagtailadmin"))
    assert fresh(user).has_perm(ACCESS_ADMIN)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not fresh(user).has_perm(ACCESS_ADMIN)


def test_one_users_permissions_are_not_anothers(editors):
    editor, other = UserFactory(), UserFactory()
    editor.groups.add(editors)
    assert fresh(editor).has_perm(ACCESS_ADMIN)
    assert not fresh(other).has_perm(ACCESS_ADMIN)
