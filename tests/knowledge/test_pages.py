"""The public CMS site: the home page at "/", practice pages, privacy, sitemap, export."""
import csv
import io
import json

import pytest
from django.urls import reverse

from knowledge.exports import EXPORT_FIELDS
from knowledge.models import GoodPracticePage

pytestmark = pytest.mark.django_db
PARTNERS = GoodPracticePage.Visibility.PARTNERS


def test_home_page_is_the_wagtail_site_root_with_stats_and_working_groups(client, people):
    assert reverse("landing") == "/"
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].specific_class.__name__ == "HomePage"
    assert "Smarter cluster policies for South East Europe" in page
    assert "WG3: International cluster cooperation and networking" in page
    assert reverse("partners:directory") in page and reverse("knowledge:library") in page


@pytest.mark.parametrize("language,budget", [
    ("en", "EUR 5,186,352"), ("de", "5.186.352 EUR"), ("it", "EUR 5.186.352"),
    ("bg", "5\xa0186\xa0352 евро"), ("el", "5.186.352 ευρώ")])
def test_home_page_writes_the_budget_as_each_language_does(client, people, settings, language,
                                                          budget):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert f"<strong>{budget}</strong>" in client.get("/").content.decode()


def test_home_page_wg_cards_link_to_the_space_for_staff_and_to_the_library_for_visitors(
        client, people):
    assert 'href="/library/?wg=WG3"' in client.get("/").content.decode()
    client.force_login(people.marche_member)
    assert f'href="{reverse("workgroups:detail", args=["WG3"])}"' in client.get(
        "/").content.decode()


def test_public_practice_page_shows_its_fields_coordinates_and_a_map_without_tiles(
        client, people, taxonomy, make_practice):
    practice = make_practice(title="Marche vouchers", region="Marche", wgs=[people.wg3],
                             themes=[taxonomy["vouchers"]], instrument_type=taxonomy["grant"],
                             latitude="43.61667", longitude="13.51667",
                             evidence="412 vouchers", indicators="Firms\nFollow-up projects",
                             lessons="Paperwork", transfer_potential="A list of labs")
    response = client.get(practice.url)
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Marche vouchers", "Marche Region", "WG3", "Innovation vouchers",
                 "Grant scheme", "412 vouchers", "Follow-up projects", "Paperwork",
                 "A list of labs", "Latitude 43.61667, longitude 13.51667",
                 'class="map-point"'):
        assert text in page, text
    assert "tile.openstreetmap" not in page and "leaflet" not in page


def test_partners_only_practice_sends_visitors_to_login(client, make_practice):
    practice = make_practice(title="Confidential notes", visibility=PARTNERS)
    response = client.get(practice.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_partners_only_practice_is_not_found_for_a_stakeholder(client, people, make_practice):
    practice = make_practice(title="Confidential notes", visibility=PARTNERS)
    client.force_login(people.stakeholder)
    assert client.get(practice.url).status_code == 404


def test_partners_only_practice_opens_for_staff_of_any_partner(client, people, make_practice):
    practice = make_practice(title="Confidential notes", visibility=PARTNERS)
    client.force_login(people.bsmepa_member)
    response = client.get(practice.url)
    assert response.status_code == 200 and "partners only" in response.content.decode()


def test_unpublished_practice_is_not_found(client, people, make_practice):
    practice = make_practice(title="Draft", live=False)
    client.force_login(people.marche_member)
    assert client.get(f"/practices/{practice.slug}/").status_code == 404


def test_library_index_page_redirects_to_the_search(client, library):
    response = client.get(library.url)
    assert response.status_code == 302 and response["Location"] == reverse("knowledge:library")


def test_sitemap_lists_public_practices_but_not_partners_only_ones(client, make_practice):
    public = make_practice(title="Open practice")
    hidden = make_practice(title="Confidential notes", visibility=PARTNERS)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert public.slug in sitemap and hidden.slug not in sitemap


def test_json_export_has_public_published_practices_with_stable_fields(
        client, people, make_practice):
    make_practice(title="Open practice", wgs=[people.wg3], indicators="One\nTwo")
    make_practice(title="Confidential notes", visibility=PARTNERS)
    make_practice(title="Draft", live=False)
    client.force_login(people.marche_member)  # even partner staff get the public set only
    data = json.loads(client.get(reverse("knowledge:export_json")).content)
    assert data["fields"] == EXPORT_FIELDS
    assert [row["title"] for row in data["practices"]] == ["Open practice"]
    row = data["practices"][0]
    assert list(row) == EXPORT_FIELDS
    assert row["working_groups"] == ["WG3"] and row["indicators"] == ["One", "Two"]
    assert row["country_code"] == "IT" and row["partner"] == "Marche Region"


def test_csv_export_has_the_same_fields_and_rows(client, people, make_practice):
    make_practice(title="Open practice", wgs=[people.wg3, people.wg2])
    make_practice(title="Confidential notes", visibility=PARTNERS)
    response = client.get(reverse("knowledge:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["title"] for row in rows] == ["Open practice"]
    assert list(rows[0]) == EXPORT_FIELDS
    assert rows[0]["working_groups"] == "WG2; WG3"


def test_about_and_news_pages_render_with_shared_blocks(client, library):
    from wagtail.rich_text import RichText

    from knowledge.models import ArticleIndexPage, ArticlePage, StandardPage

    home = library.get_parent()
    about = home.add_child(instance=StandardPage(
        title="About the project", slug="about", introduction="25 partners, 11 countries.",
        body=[("heading", {"text": "Partnership", "level": "h2"}),
              ("paragraph", RichText("<p>Regional authorities and agencies.</p>")),
              ("quote", {"text": "Learning together.", "attribution": "Lead partner"})]))
    news = home.add_child(instance=ArticleIndexPage(title="News", slug="news"))
    news.add_child(instance=ArticlePage(title="Library opens", slug="library-opens",
                                        introduction="Partners can submit practices."))
    page = client.get(about.url).content.decode()
    for text in ("About the project", "25 partners, 11 countries.", "<h2>Partnership</h2>",
                 "Regional authorities and agencies.", "Learning together."):
        assert text in page, text
    listing = client.get(news.url).content.decode()
    assert "Library opens" in listing and "Partners can submit practices." in listing
