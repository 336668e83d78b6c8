"""Workspace, document list and dashboard: query counts pinned, the same for 10 and 500."""
import pytest
from django.urls import reverse

from clusterpolisee.core import page_cache
from partners.models import Document, DocumentShare, DocumentVersion

pytestmark = pytest.mark.django_db


def bulk_documents(partner, user, n, *, working_group=None):
    documents = Document.objects.bulk_create([
        Document(partner=partner, title=f"Document {i}", created_by=user,
                 visibility="shared" if working_group else "private") for i in range(n)])
    versions = DocumentVersion.objects.bulk_create([
        DocumentVersion(document=d, number=1, file=f"documents/x/{d.pk}", filename="a.pdf",
                        content_type="application/pdf", size=1000, sha256="0" * 64,
                        uploaded_by=user) for d in documents])
    for document, version in zip(documents, versions, strict=True):
        document.current_version = version
    Document.objects.bulk_update(documents, ["current_version"])
    if working_group:
        DocumentShare.objects.bulk_create([DocumentShare(document=d, working_group=working_group)
                                           for d in documents])
    for document in documents:
        document.working_groups.add(working_group) if working_group else None


def measure(client, django_assert_num_queries, url, expected, params=None):
    page_cache.bump()  # computed, not the dashboard's per-user fragment from the cache
    with django_assert_num_queries(expected):
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("url_name,args,persona,params,expected", [
    ("partners:workspace", ["marche-region"], "marche_member", {}, 10),
    ("documents:list", [], "bsmepa_member", {"wg": "WG3"}, 8),
    ("documents:list", [], "marche_member", {"scope": "all"}, 8),
])
def test_list_query_count_is_constant_from_10_to_500_documents(
        client, people, django_assert_num_queries, url_name, args, persona, params, expected):
    client.force_login(getattr(people, persona))
    url = reverse(url_name, args=args)
    bulk_documents(people.marche, people.marche_member, 10, working_group=people.wg3)
    client.get(url, params)  # warm the site-menu cache
    small = measure(client, django_assert_num_queries, url, expected, params)
    bulk_documents(people.marche, people.marche_member, 490, working_group=people.wg3)
    large = measure(client, django_assert_num_queries, url, expected, params)
    assert small.content.decode().count("Document ") >= 10
    assert "Page 1 of 20" in large.content.decode()


# includes one query for "does the user sit on the advisory board?", the opinion requests
# for those who do, the count of flagged comments awaiting moderation, and (partner staff
# only) the learning pairs of the assessments section
@pytest.mark.parametrize("persona,expected", [("bsmepa_member", 24), ("stakeholder", 14)])
def test_dashboard_with_shared_documents_keeps_its_query_count(
        client, people, django_assert_num_queries, persona, expected):
    client.force_login(getattr(people, persona))
    client.get(reverse("dashboard"))
    bulk_documents(people.marche, people.marche_member, 10, working_group=people.wg3)
    measure(client, django_assert_num_queries, reverse("dashboard"), expected)
    bulk_documents(people.marche, people.marche_member, 490, working_group=people.wg3)
    measure(client, django_assert_num_queries, reverse("dashboard"), expected)
