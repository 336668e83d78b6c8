"""Consultation documents: type and size checked on content, served as downloads."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from consultations.models import ConsultationAttachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(client, consultation, name, content):
    return client.post(reverse("consultations:edit", args=[consultation.pk]),
                       {"file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.mark.parametrize(("name", "content"), [
    ("background.pdf", PDF), ("questions.docx", _docx()), ("notes.odt", _odt()),
    ("data.csv", b"region,score\nMarche,4\n"),
    ("map.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)])
def test_accepted_documents(client, cast, make_consultation, settings, tmp_path, name,
                            content):
    settings.MEDIA_ROOT = tmp_path
    c = make_consultation()
    client.force_login(cast.wg3_coordinator)
    upload(client, c, name, content)
    attachment = ConsultationAttachment.objects.get()
    assert attachment.name == name and attachment.size == len(content)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("evil.pdf", b"<html><script>alert(1)</script></html>", "The content of the file is not"),
    ("fake.docx", b"PK\x03\x04 not really a zip", "The content of the file is not"),
    ("tool.exe", b"MZ\x90\x00", "cannot be uploaded"),
    ("page.html", b"<html></html>", "cannot be uploaded"),
    ("empty.pdf", b"", "empty")])
def test_refused_documents_say_why(client, cast, make_consultation, settings, tmp_path, name,
                                   content, message):
    settings.MEDIA_ROOT = tmp_path
    c = make_consultation()
    client.force_login(cast.wg3_coordinator)
    response = upload(client, c, name, content)
    assert message in response.content.decode()
    assert not ConsultationAttachment.objects.exists()


@override_settings(CONSULTATION_ATTACHMENT_MAX_BYTES=100)
def test_size_limit_comes_from_a_setting(client, cast, make_consultation, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = make_consultation()
    client.force_login(cast.wg3_coordinator)
    response = upload(client, c, "big.pdf", PDF + b"0" * 100)
    assert "the limit is" in response.content.decode()
    assert not ConsultationAttachment.objects.exists()


def test_documents_download_only_for_the_audience(client, cast, make_consultation, settings,
                                                  tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = make_consultation(audience="partners")
    client.force_login(cast.wg3_coordinator)
    upload(client, c, "background.pdf", PDF)
    url = ConsultationAttachment.objects.get().get_absolute_url()
    client.force_login(cast.marche_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    for persona in ["veneto_member", "approved_stakeholder"]:
        client.force_login(getattr(cast, persona))
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_only_the_owner_uploads(client, cast, make_consultation, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = make_consultation()
    client.force_login(cast.marche_member)
    response = client.post(reverse("consultations:edit", args=[c.pk]),
                           {"file": SimpleUploadedFile("x.pdf", PDF)})
    assert response.status_code == 404
    assert not ConsultationAttachment.objects.exists()
