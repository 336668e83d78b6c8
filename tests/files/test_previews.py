"""Previews: PDFs and images open in the browser (sandboxed), CSV files as a table of
their first rows, with the same visibility as the download."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners import services

pytestmark = pytest.mark.django_db


def csv_document(people, content: bytes):
    return services.document_create(
        partner=people.marche, user=people.marche_member, title="Indicators",
        upload=SimpleUploadedFile("indicators.csv", content, content_type="text/csv"))


def test_pdf_preview_opens_inline_sandboxed_and_not_sniffed(client, people, make_document):
    document = make_document()
    client.force_login(people.marche_member)
    detail = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert reverse("documents:preview", args=[document.pk]) in detail
    assert reverse("documents:download", args=[document.pk]) in detail
    response = client.get(reverse("documents:preview", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_csv_preview_is_a_table_of_the_first_100_rows(client, people):
    lines = ["region,score", '"<b>bold</b>",0'] + [f"Region {n},{n}" for n in range(150)]
    document = csv_document(people, "\n".join(lines).encode())
    client.force_login(people.marche_member)
    response = client.get(reverse("documents:preview", args=[document.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col">region</th>' in page
    assert "<td>Region 97</td>" in page and "Region 98" not in page
    assert "<td>&lt;b&gt;bold&lt;/b&gt;</td>" in page
    assert "first 100 rows" in page
    assert reverse("documents:download_version", args=[document.pk, 1]) in page


@pytest.mark.parametrize("persona", ["veneto_member", "stakeholder", None])
def test_other_partner_staff_stakeholders_and_anonymous_get_404_for_previews(
        client, people, make_document, persona):
    pdf = make_document()
    table = csv_document(people, b"a,b\n1,2\n")
    if persona:
        client.force_login(getattr(people, persona))
    for document in (pdf, table):
        assert client.get(reverse("documents:preview", args=[document.pk])).status_code == 404
        assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_a_shared_document_previews_for_the_partners_it_is_shared_with(client, people,
                                                                        make_document):
    from partners.models import Document

    document = make_document(visibility=Document.Visibility.SHARED,
                             partners=[people.veneto])
    client.force_login(people.veneto_member)
    assert client.get(reverse("documents:preview", args=[document.pk])).status_code == 200
    client.force_login(people.bsmepa_member)
    assert client.get(reverse("documents:preview", args=[document.pk])).status_code == 404


def test_documents_without_a_preview_answer_404_on_the_preview_address(client, people):
    from tests.partners.conftest import docx_bytes

    document = services.document_create(
        partner=people.marche, user=people.marche_member, title="Notes",
        upload=SimpleUploadedFile("notes.docx", docx_bytes()))
    client.force_login(people.marche_member)
    assert client.get(reverse("documents:preview", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 200
