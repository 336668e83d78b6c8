"""The one search box: isolation per kind, stemming, highlights, bad input, query count."""
import pytest
from django.urls import reverse

from clusterpolisee.portal.search import clean_query, highlight, query_stems
from consultations.models import Comment
from partners import services as partner_services
from partners.models import Document
from tests.factories import ConsultationFactory, PartnerFactory
from tests.partners.conftest import pdf_upload
from workgroups import services as wg_services

pytestmark = pytest.mark.django_db
SEARCH = reverse("search")


def _document(people, *, partner, user, title, visibility=Document.Visibility.PRIVATE,
              **share):
    document = partner_services.document_create(partner=partner, user=user, title=title,
                                                upload=pdf_upload())
    if visibility != Document.Visibility.PRIVATE:
        partner_services.document_share(document=document, user=user, visibility=visibility,
                                        **share)
    return document


def _counts(response) -> dict:
    return {t.key: n for t, n in response.context["result"]["counts"]}


def test_voucher_finds_vouchers_and_the_other_way_round(client, people):
    _document(people, partner=people.marche, user=people.marche_member,
              title="Innovation vouchers for clusters")
    client.force_login(people.marche_member)
    for word in ("voucher", "vouchers", "VOUCHER"):
        response = client.get(SEARCH, {"q": word})
        assert _counts(response)["documents"] == 1, word
    assert "<mark>vouchers</mark>" in client.get(SEARCH, {"q": "voucher"}).content.decode()


def test_another_partners_private_document_is_never_found_nor_counted(client, people):
    _document(people, partner=people.marche, user=people.marche_member,
              title="Confidential voucher budget")
    for persona in ("veneto_member", "stakeholder"):
        client.force_login(getattr(people, persona))
        response = client.get(SEARCH, {"q": "voucher"})
        assert _counts(response)["documents"] == 0
        assert response.context["result"]["total"] == 0
        assert "Confidential" not in response.content.decode()
    client.logout()
    assert "Confidential" not in client.get(SEARCH, {"q": "voucher"}).content.decode()
    client.force_login(people.marche_admin)
    assert _counts(client.get(SEARCH, {"q": "voucher"}))["documents"] == 1


def test_wg_topics_and_findings_stay_inside_the_group(client, people):
    wg_services.topic_create(wg=people.wg3, user=people.marche_member,
                             title="Matchmaking voucher scheme", body="Who has **data**?")
    client.force_login(people.bsmepa_member)
    assert _counts(client.get(SEARCH, {"q": "vouchers"}))["topics"] == 1
    client.force_login(people.veneto_member)  # Veneto is in WG2 only
    response = client.get(SEARCH, {"q": "vouchers"})
    assert _counts(response)["topics"] == 0 and "Matchmaking voucher" not in \
        response.content.decode()


def test_comments_of_a_consultation_outside_my_audience_are_not_found(client, people):
    closed_to_stakeholders = ConsultationFactory(
        title="Internal budget round", audience="partners", working_group=people.wg3,
        owner=people.wg3_coordinator)
    Comment.objects.create(consultation=closed_to_stakeholders, author=people.marche_member,
                           body="We need more vouchers", body_html="<p>We need more vouchers</p>")
    hidden = Comment.objects.create(consultation=closed_to_stakeholders,
                                    author=people.bsmepa_member, body="voucher spam",
                                    body_html="<p>voucher spam</p>")
    from django.utils import timezone

    hidden.hidden_at = timezone.now()
    hidden.save()
    client.force_login(people.marche_member)
    counts = _counts(client.get(SEARCH, {"q": "voucher"}))
    assert counts["comments"] == 1  # the hidden one is not found
    for persona in ("veneto_member", "stakeholder"):
        client.force_login(getattr(people, persona))
        response = client.get(SEARCH, {"q": "voucher"})
        assert _counts(response)["comments"] == 0
        assert "more vouchers" not in response.content.decode()


def test_type_filter_shows_one_kind_with_every_count(client, people):
    _document(people, partner=people.marche, user=people.marche_member, title="Voucher guide")
    people.marche.description = "Runs a voucher programme"
    people.marche.save()
    client.force_login(people.marche_member)
    response = client.get(SEARCH, {"q": "voucher", "type": "partners"})
    assert [t.key for t, n, hits in response.context["result"]["sections"]] == ["partners"]
    assert _counts(response)["documents"] == 1 and _counts(response)["partners"] == 1


@pytest.mark.parametrize("query", ["x" * 5000, "voucher\x00\x07\x1b[31m", "!!! ??? ---",
                                   "'; DROP TABLE x; --", '"unclosed', "-", "&lt;script&gt;",
                                   "<script>alert(1)</script>"])
def test_bad_input_never_fails(client, people, query):
    client.force_login(people.marche_member)
    response = client.get(SEARCH, {"q": query, "type": "nonsense", "page": "abc"})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_anonymous_visitors_may_search_what_is_public(client, people):
    response = client.get(SEARCH, {"q": "Marche"})
    assert response.status_code == 200 and _counts(response)["partners"] == 1


def test_highlight_escapes_first_then_marks():
    snippet = highlight('<b>Vouchers</b> & 1 < 2 "voucher" <i onclick="x">', query_stems("voucher"))
    assert "<mark>Vouchers</mark>" in snippet and "<mark>voucher</mark>" in snippet
    assert "&amp; 1 &lt; 2 &quot;" in snippet
    assert "<b>" not in snippet and "onclick" not in snippet and "<i" not in snippet


def test_sqlite_fallback_stems_both_query_and_text():
    from clusterpolisee.portal.search import _text_stems

    assert query_stems("vouchers policies") == ["voucher", "polici"]
    assert " voucher " in _text_stems("Innovation voucher")
    assert " polici " in _text_stems("one policy")


def test_clean_query_drops_control_characters_and_cuts():
    assert clean_query("a\x00b\tc\n") == "a b c"
    assert len(clean_query("y" * 999)) == 200


def _grow(people, n):
    partner = PartnerFactory(country=people.marche.country)
    for i in range(n):
        _document(people, partner=people.marche, user=people.marche_member,
                  title=f"Voucher note {i}", visibility=Document.Visibility.ALL_PARTNERS)
        wg_services.topic_create(wg=people.wg3, user=people.marche_member,
                                 title=f"Voucher topic {i}", body="about vouchers")
        ConsultationFactory(title=f"Voucher consultation {i}", owner=people.wg3_coordinator)
        PartnerFactory(name=f"Voucher agency {i} {partner.pk}", country=people.marche.country)


# pinned: eleven counts, then a preview of each kind found (everything) or one page of one
# kind, plus the session, the user and the reader's partner
EXPECTED = {"": 20, "documents": 17}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_search_query_count_is_the_same_at_1x_and_10x_data(client, people,
                                                           django_assert_num_queries, kind):
    params = {"q": "voucher", "type": kind}
    client.force_login(people.marche_member)
    _grow(people, 2)
    client.get(SEARCH, params)  # warm the content-type and site caches
    with django_assert_num_queries(EXPECTED[kind]):
        client.get(SEARCH, params)
    _grow(people, 20)
    with django_assert_num_queries(EXPECTED[kind]):
        response = client.get(SEARCH, params)
    assert response.context["result"]["total"] >= 60
