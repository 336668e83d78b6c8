"""The editors' site menus: rendered in the header and footer, per language, only with
the pages a reader may see, from a cache that publishing clears."""
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.models import Locale, PageViewRestriction

from knowledge.demo import _menus
from knowledge.models import GoodPracticePage, Menu, MenuItem, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(library):
    return library.get_parent().specific


@pytest.fixture
def about(home):
    return home.add_child(instance=StandardPage(title="About the project", slug="about"))


def menu(slot="main", language="en", items=()):
    result = Menu(slot=slot, title=f"{slot} {language}",
                  locale=Locale.objects.get(language_code=language))
    for item in items:
        result.items.add(MenuItem(**item))
    result.save()
    return result


def nav(client, label="Site", **extra):
    page = client.get("/", **extra).content.decode()
    if f'aria-label="{label}"' not in page:
        return ""
    return page.split(f'aria-label="{label}"', 1)[1].split("</nav>", 1)[0]


def test_main_menu_shows_page_and_address_items_in_order(client, about):
    menu(items=[{"link_page": about}, {"link_url": "/partners/", "label": "Partners directory"},
                {"link_page": about, "label": "Who we are"}])
    header = nav(client)
    assert header.index("About the project") < header.index("Partners directory") \
        < header.index("Who we are")
    assert f'href="{about.url}"' in header and 'href="/partners/"' in header


def test_footer_links_are_rendered_in_the_footer(client, about):
    menu(slot="footer", items=[{"link_url": "/library/export.json", "label": "Open data"}])
    assert "Open data" in nav(client, "Footer")
    assert nav(client) == ""  # no main menu yet: no empty navigation landmark


def test_bulgarian_reader_sees_the_bulgarian_menu(client, about):
    menu(items=[{"link_page": about, "label": "About"}])
    menu(language="bg", items=[{"link_page": about, "label": "За проекта"}])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "bg"
    assert "За проекта" in nav(client, "Сайт") + nav(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "About" in nav(client) and "За проекта" not in nav(client)


def test_without_a_bulgarian_menu_the_english_one_links_the_bulgarian_translation(
        client, about):
    menu(items=[{"link_page": about}])
    bg_about = about.copy_for_translation(Locale.objects.get(language_code="bg"),
                                          copy_parents=True)
    bg_about.title = "За проекта"
    bg_about.save_revision().publish()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "bg"
    header = nav(client, "Сайт") or nav(client)
    assert "За проекта" in header and bg_about.url in header


def test_unpublished_and_private_pages_are_left_out_for_those_who_may_not_see_them(
        client, people, home, about, library):
    draft = home.add_child(instance=StandardPage(title="Draft page", slug="draft", live=False))
    private = home.add_child(instance=StandardPage(title="Members corner", slug="members"))
    PageViewRestriction.objects.create(page=private,
                                       restriction_type=PageViewRestriction.LOGIN)
    hidden = library.add_child(instance=GoodPracticePage(
        title="Internal notes", slug="internal-notes", summary="Internal.",
        visibility=GoodPracticePage.Visibility.PARTNERS))
    menu(items=[{"link_page": about}, {"link_page": draft}, {"link_page": private},
                {"link_page": hidden}])
    anonymous = nav(client)
    assert "About the project" in anonymous
    assert "Draft page" not in anonymous and "Members corner" not in anonymous
    assert "Internal notes" not in anonymous
    client.force_login(people.stakeholder)
    stakeholder = nav(client)
    assert "Members corner" in stakeholder and "Internal notes" not in stakeholder
    client.force_login(people.veneto_member)
    member = nav(client)
    assert "Members corner" in member and "Internal notes" in member
    assert "Draft page" not in member


def test_publishing_unpublishing_and_editing_the_menu_clear_the_cache(client, home, about):
    news = home.add_child(instance=StandardPage(title="News", slug="news", live=False))
    main = menu(items=[{"link_page": about}, {"link_page": news}])
    assert "News" not in nav(client)
    news.save_revision().publish()
    assert "News" in nav(client)
    about.unpublish()
    assert "About the project" not in nav(client)
    item = main.items.get(link_page=news)
    item.label = "Latest news"
    item.save()
    assert "Latest news" in nav(client)


def test_current_page_is_marked_for_screen_readers(client, home, about):
    menu(items=[{"link_page": about}, {"link_url": "/", "label": "Home"}])
    page = client.get(about.url).content.decode()
    header = page.split('aria-label="Site"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{about.url}" aria-current="page"' in header


@pytest.mark.parametrize("fields, message", [
    ({"link_url": "/partners/", "label": "x", "link_page_id": None}, None),
    ({"link_url": "", "label": "Nothing"}, "one of the two"),
    ({"link_url": "javascript:alert(1)", "label": "Bad"}, "starting with https://"),
    ({"link_url": "//evil.example.org/", "label": "Bad"}, "starting with https://"),
    ({"link_url": "https://example.org/", "label": ""}, "needs a label"),
])
def test_menu_items_are_validated(home, fields, message):
    main = menu()
    item = MenuItem(menu=main, **fields)
    if message is None:
        item.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert message in str(error.value)


def test_one_menu_per_place_and_language(home):
    menu()
    with pytest.raises(ValidationError) as error:
        Menu(slot="main", title="Second", locale=Locale.objects.get(language_code="en")
             ).full_clean()
    assert "already has a menu" in str(error.value)


def test_seeded_default_menu_is_created_once_and_keeps_editors_changes(client, home, about):
    contact = home.add_child(instance=StandardPage(title="Contact", slug="contact"))
    _menus(home)
    labels = [item.label for item in Menu.objects.get(slot="main", locale__language_code="en")
              .items.all()]
    # there is no news page here, so its item is left out
    assert labels == ["About", "Good practices library", "Partners directory", "Contact"]
    main = Menu.objects.get(slot="main", locale__language_code="en")
    main.items.filter(link_url="/partners/").update(label="Our partners")
    main.items.filter(link_page=contact).delete()
    _menus(home)
    assert Menu.objects.count() == 4
    assert main.items.filter(label="Our partners").exists()
    assert not main.items.filter(link_page=contact).exists()
    assert "Our partners" in nav(client)


def _home_queries(client, django_assert_num_queries, expected):
    from tests.conftest import _clear_cache

    _clear_cache()  # a cold menu cache: the menus are read from the database
    with django_assert_num_queries(expected):
        assert client.get("/").status_code == 200


def test_home_page_query_count_does_not_grow_with_the_menu(client, home, about, settings,
                                                          django_assert_num_queries):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0  # counts the layers below the page cache
    client.get("/")  # warm Wagtail's site root paths
    main = menu(items=[{"link_page": about}, {"link_url": "/partners/", "label": "P"}])
    cold = 15
    _home_queries(client, django_assert_num_queries, cold)
    for n in range(12):
        page = home.add_child(instance=StandardPage(title=f"Page {n}", slug=f"page-{n}"))
        main.items.add(MenuItem(link_page=page))
    main.save()
    _home_queries(client, django_assert_num_queries, cold)
    assert nav(client).count("<li>") == 14
    with django_assert_num_queries(7):  # warm caches: the menus cost no query at all
        client.get("/")


def test_editor_manages_menus_in_the_cms_and_a_member_cannot(client, people, home):
    menu()
    client.force_login(people.cms_editor)
    assert client.get("/cms/snippets/knowledge/menu/").status_code == 200
    client.force_login(people.marche_member)
    assert client.get("/cms/snippets/knowledge/menu/").status_code == 403
    client.logout()
    assert client.get("/cms/snippets/knowledge/menu/").status_code == 302
