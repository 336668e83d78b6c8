"""The report as a PDF: the same readers as the HTML report, a safe file name, nothing
fetched from outside, and the print page offered when the PDF library cannot load."""
import pytest
from django.urls import reverse

from assessments import pdf
from assessments.models import Assessment

from .conftest import validated_assessment
from .test_permissions import REPORT, ROLES, _as, _status


@pytest.fixture
def report_of_marche(people, open_round):
    validated_assessment(open_round, people.veneto, {"financing": 4})
    return validated_assessment(open_round, people.marche, {"financing": 2})


def test_the_pdf_report_is_a_pdf_with_a_safe_file_name(client, people, report_of_marche):
    client.force_login(people.veneto_member)
    response = client.get(reverse("assessments:report_pdf", args=[report_of_marche.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        'attachment; filename="assessment-marche-region-mid-term-2013.pdf"')


def test_the_file_name_keeps_only_ascii_whatever_the_round_is_called(people, open_round):
    from assessments.views import report_file_name

    open_round.title = 'Изходно "2012"/../x'
    assessment = Assessment(partner=people.marche, round=open_round, pk=7)
    name = report_file_name(assessment)
    assert name.isascii() and '"' not in name and "/" not in name and name.endswith(".pdf")


@pytest.mark.parametrize("role", ROLES)
def test_the_pdf_report_has_the_readers_of_the_html_report(client, people, report_of_marche,
                                                           role):
    response = _as(client, people, role).get(reverse("assessments:report_pdf",
                                                     args=[report_of_marche.pk]))
    assert _status(response) == REPORT[role]
    if REPORT[role] == 200:
        assert response.content.startswith(b"%PDF")


def test_there_is_no_pdf_of_an_assessment_before_validation(client, people, submitted):
    for user in (people.marche_admin, people.veneto_member, people.platform_admin):
        client.force_login(user)
        assert client.get(reverse("assessments:report_pdf",
                                  args=[submitted.pk])).status_code == 404


def test_there_is_no_pdf_of_another_partners_draft(client, people, draft):
    client.force_login(people.veneto_member)
    assert client.get(reverse("assessments:report_pdf", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("url", [
    "http://example.org/tracker.png", "https://report.invalid/media/private.pdf",
    "file:///etc/passwd", "https://report.invalid/static/../settings.py",
    "https://elsewhere.example.org/static/assessments/assessments.css"])
def test_the_pdf_fetches_nothing_but_the_apps_static_files(url):
    with pytest.raises(ValueError):
        pdf.static_only_fetcher(url)
    found = pdf.static_only_fetcher(pdf.BASE_URL + "static/assessments/report_pdf.css")
    assert b"@page" in found["string"] and found["mime_type"] == "text/css"


def test_an_outside_image_in_the_html_is_never_requested(monkeypatch):
    asked = []
    real = pdf.static_only_fetcher

    def spy(url, *args, **kwargs):
        asked.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(pdf, "static_only_fetcher", spy)
    body = pdf.html_to_pdf('<p>x</p><img src="http://example.org/t.png" alt="">')
    assert body.startswith(b"%PDF") and asked == ["http://example.org/t.png"]


def test_without_its_system_libraries_the_pdf_view_points_to_the_print_page(
        client, people, report_of_marche, monkeypatch):
    def missing():
        raise pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    client.force_login(people.marche_member)
    response = client.get(reverse("assessments:report_pdf", args=[report_of_marche.pk]))
    assert response.status_code == 503
    page = response.content.decode()
    assert "cannot draw PDF files" in page
    assert reverse("assessments:report", args=[report_of_marche.pk]) in page
