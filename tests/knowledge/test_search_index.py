"""The library's full-text index (knowledge.fulltext): kept up to date on every save,
ranked by weight, never a way round visibility; pagination and odd input in search."""
import io

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.urls import reverse
from wagtail.rich_text import RichText

from knowledge import fulltext
from knowledge.bulk import bulk_create_practices
from knowledge.models import GoodPracticePage
from tests.knowledge.test_translations import as_bulgarian, translate

pytestmark = pytest.mark.django_db
PARTNERS = GoodPracticePage.Visibility.PARTNERS


def indexed_for(words: str) -> set[int]:
    """The practices whose stored vector matches ``words`` (PostgreSQL's index)."""
    query = SearchQuery(words, search_type="websearch", config=fulltext.CONFIG)
    return set(GoodPracticePage.objects.filter(search_vector=query)
               .values_list("pk", flat=True))


def titles(client, **params) -> list[str]:
    response = client.get(reverse("knowledge:library"), params)
    assert response.status_code == 200
    return [practice.title for practice in response.context["page"]]


def paragraph(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


@pytest.fixture(autouse=True)
def postgresql_only():
    # The index lives on PostgreSQL (CI and `make test` with a server); these tests read
    # the stored vectors, which SQLite never fills.
    assert fulltext.is_available(), "run the test suite on PostgreSQL (DATABASE_URL)"


def test_publishing_a_practice_indexes_title_summary_body_and_details(make_practice):
    practice = make_practice(title="Laboratory vouchers", summary="Small firms buy tests.",
                             body=paragraph("Mentoring by universities"),
                             lessons="Paperwork was heavy")
    for words in ("laboratory", "firms", "mentoring", "paperwork"):
        assert practice.pk in indexed_for(words), words


def test_publishing_an_edit_replaces_the_old_words(client, make_practice):
    practice = make_practice(title="Laboratory vouchers", summary="Tests for firms.")
    draft = GoodPracticePage.objects.get(pk=practice.pk)
    draft.title, draft.summary = "Energy pact", "Shared energy targets."
    draft.save_revision().publish()
    assert practice.pk in indexed_for("energy")
    assert practice.pk not in indexed_for("laboratory")
    assert titles(client, q="energy") == ["Energy pact"]
    assert titles(client, q="laboratory") == []


def test_a_saved_draft_does_not_change_what_search_finds(client, make_practice):
    practice = make_practice(title="Laboratory vouchers", summary="Tests for firms.")
    draft = GoodPracticePage.objects.get(pk=practice.pk)
    draft.title = "Energy pact"
    draft.save_revision()  # not published: the live page still reads "Laboratory"
    assert titles(client, q="laboratory") == ["Laboratory vouchers"]
    assert titles(client, q="energy") == []


def test_unpublishing_takes_the_practice_out_of_the_index(client, make_practice):
    practice = make_practice(title="Laboratory vouchers")
    assert practice.pk in indexed_for("laboratory")
    practice.unpublish()
    practice.refresh_from_db()
    assert practice.search_vector is None
    assert titles(client, q="laboratory") == []


def test_a_never_published_draft_is_not_indexed(make_practice):
    practice = make_practice(title="Laboratory vouchers", live=False)
    assert practice.pk not in indexed_for("laboratory")


def test_partners_only_practice_is_not_found_by_an_anonymous_search(client, people,
                                                                    make_practice):
    secret = make_practice(title="Confidential laboratory notes", visibility=PARTNERS)
    make_practice(title="Open laboratory vouchers")
    assert secret.pk in indexed_for("laboratory")  # indexed: only visibility hides it
    response = client.get(reverse("knowledge:library"), {"q": "laboratory"})
    assert [p.title for p in response.context["page"]] == ["Open laboratory vouchers"]
    assert response.context["page"].paginator.count == 1
    assert "Confidential" not in response.content.decode()
    client.force_login(people.stakeholder)
    assert titles(client, q="laboratory") == ["Open laboratory vouchers"]
    client.force_login(people.veneto_member)
    assert set(titles(client, q="laboratory")) == {"Confidential laboratory notes",
                                                   "Open laboratory vouchers"}


def test_partners_only_practice_is_not_counted_in_an_anonymous_search_s_facets(
        client, people, make_practice):
    make_practice(title="Confidential laboratory notes", visibility=PARTNERS,
                  partner=people.bsmepa, wgs=[people.wg3])
    make_practice(title="Open laboratory vouchers", wgs=[people.wg3])
    facets = client.get(reverse("knowledge:library"), {"q": "laboratory"}).context["facets"]
    assert facets["country"] == [("IT", "Italy", 1)]
    assert facets["wg"] == [("WG3", "WG3", 1)]


def test_a_translation_is_indexed_and_found_by_a_bulgarian_reader(client, make_practice):
    vouchers = make_practice(title="Lab voucher scheme", summary="Vouchers for labs.")
    translation = translate(vouchers, "Иновационни ваучери", "Ваучери за лаборатории.")
    assert translation.pk in indexed_for("лаборатории")
    assert titles(as_bulgarian(client), q="лаборатории") == ["Иновационни ваучери"]


def test_english_words_are_found_in_other_forms(client, make_practice):
    make_practice(title="Voucher scheme", summary="Firms buy laboratory services.")
    assert titles(client, q="vouchers") == ["Voucher scheme"]
    assert titles(client, q="service") == ["Voucher scheme"]


def test_relevance_puts_title_matches_before_newer_detail_matches(client, make_practice):
    # make_practice publishes each one a minute before the previous
    make_practice(title="Green pact", summary="Energy targets.", lessons="mentoring helps")
    make_practice(title="Mentoring for clusters", summary="Peers coach managers.")
    assert titles(client, q="mentoring") == ["Mentoring for clusters", "Green pact"]
    assert titles(client, q="mentoring", sort="date") == ["Green pact",
                                                          "Mentoring for clusters"]


def test_web_search_syntax_phrases_and_exclusions(client, make_practice):
    make_practice(title="Laboratory vouchers", summary="For small firms.")
    make_practice(title="Vouchers for laboratory energy audits", summary="Energy.")
    assert titles(client, q='"laboratory vouchers"') == ["Laboratory vouchers"]
    assert titles(client, q="vouchers -energy") == ["Laboratory vouchers"]


@pytest.mark.parametrize("query", ["the", "!!! & | ( :*", '"', "-", "a" * 200,
                                   "'; DROP TABLE knowledge_goodpracticepage; --"])
def test_odd_search_input_finds_nothing_or_something_but_never_fails(client, make_practice,
                                                                     query):
    make_practice(title="Laboratory vouchers")
    response = client.get(reverse("knowledge:library"), {"q": query})
    assert response.status_code == 200
    assert GoodPracticePage.objects.filter(title="Laboratory vouchers").exists()


def test_a_search_longer_than_200_characters_is_refused_with_a_message(client, make_practice):
    make_practice(title="Laboratory vouchers")
    response = client.get(reverse("knowledge:library"), {"q": "laboratory " * 30})
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_pages_of_results_in_order_and_a_page_past_the_end_shows_the_last(client, people,
                                                                           library):
    bulk_create_practices(library, [{
        "title": f"Cluster practice {n:02d}", "slug": f"cluster-{n}",
        "summary": "A cluster policy.", "partner": people.marche,
    } for n in range(45)])
    first = titles(client, q="cluster", sort="date")
    third = titles(client, q="cluster", sort="date", page="3")
    assert len(first) == 20 and len(third) == 5
    assert titles(client, q="cluster", sort="date", page="99") == third
    assert titles(client, q="cluster", sort="date", page="nonsense") == first
    assert titles(client, q="cluster", sort="date", page="-4") == first
    every = first + titles(client, q="cluster", sort="date", page="2") + third
    assert len(set(every)) == 45


def test_the_rebuild_command_indexes_every_practice(people, library):
    bulk_create_practices(library, [{
        "title": "Brokerage events", "slug": "brokerage", "summary": "Meetings.",
        "partner": people.marche}], index=False)
    GoodPracticePage.objects.update(search_vector=None)
    output = io.StringIO()
    call_command("library_search_index", stdout=output)
    assert "Indexed 1 practices." in output.getvalue()
    assert GoodPracticePage.objects.get(slug="brokerage").pk in indexed_for("brokerage")


def test_without_the_index_the_library_searches_through_wagtail(client, people, monkeypatch,
                                                                 make_practice):
    """The path `make run` takes on SQLite, exercised here on the same database."""
    monkeypatch.setattr(fulltext, "is_available", lambda: False)
    make_practice(title="Laboratory vouchers", summary="Tests for firms.")
    make_practice(title="Confidential laboratory notes", visibility=PARTNERS)
    make_practice(title="Green pact", summary="Energy targets.")
    response = client.get(reverse("knowledge:library"), {"q": "laboratory"})
    assert [p.title for p in response.context["page"]] == ["Laboratory vouchers"]
    assert response.context["facets"]["country"] == [("IT", "Italy", 1)]
    assert titles(client, q='"!! laboratory (') == ["Laboratory vouchers"]
    assert titles(client, q="!!! ( *") == []
