"""Files of private things are never reachable by URL alone: Wagtail documents of
practices follow their practice, consultation attachments live in the private storage,
partner logos are clean raster images, and one upload check serves every upload."""
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model

from consultations.models import ConsultationAttachment
from knowledge.models import GoodPracticeAttachment, GoodPracticePage
from knowledge.services import practice_collection

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def practice_document(page, name="evidence.pdf", uploader=None):
    document = get_document_model().objects.create(
        title=name, file=ContentFile(PDF, name=name), collection=practice_collection(),
        uploaded_by_user=uploader)
    page.attachments.add(GoodPracticeAttachment(document=document))
    page.save()
    return document


def fetch(client, document):
    return client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))


def test_attachment_of_a_partners_only_practice_is_404_to_anonymous_and_stakeholders(
        client, people, make_practice):
    document = practice_document(make_practice(
        visibility=GoodPracticePage.Visibility.PARTNERS))
    assert fetch(client, document).status_code == 404
    client.force_login(people.stakeholder)
    assert fetch(client, document).status_code == 404
    client.force_login(people.veneto_member)
    response = fetch(client, document)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_of_a_practice_in_review_is_404_to_all_but_its_partner_and_editors(
        client, people, make_practice):
    document = practice_document(make_practice(live=False))
    for persona in [None, "stakeholder", "veneto_member"]:
        client.logout()
        if persona:
            client.force_login(getattr(people, persona))
        assert fetch(client, document).status_code == 404, persona
    for persona in ["marche_member", "cms_editor", "platform_admin"]:
        client.force_login(getattr(people, persona))
        assert fetch(client, document).status_code == 200, persona


def test_attachment_of_a_public_practice_is_served_to_anonymous_visitors(client,
                                                                          make_practice):
    document = practice_document(make_practice())
    response = fetch(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_attachment_only_a_pending_revision_uses_is_404_to_other_partners(client, people):
    document = get_document_model().objects.create(
        title="draft.pdf", file=ContentFile(PDF, name="draft.pdf"),
        collection=practice_collection(), uploaded_by_user=people.marche_member)
    client.force_login(people.veneto_member)
    assert fetch(client, document).status_code == 404
    client.force_login(people.marche_member)
    assert fetch(client, document).status_code == 200


def test_practice_documents_are_stored_in_the_private_storage_not_under_media(
        settings, make_practice):
    document = practice_document(make_practice(
        visibility=GoodPracticePage.Visibility.PARTNERS))
    assert storages["private"].exists(document.file.name)
    assert not FileSystemStorage(location=settings.MEDIA_ROOT).exists(document.file.name)
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018 -- no public address at all


def test_wagtail_documents_migration_moves_files_and_can_run_twice(settings, make_practice):
    from importlib import import_module

    from django.apps import apps

    move = import_module("knowledge.migrations.0004_documents_private").move_to_private
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    old = get_document_model().objects.create(title="old.pdf",
                                              file=ContentFile(PDF, name="old.pdf"))
    storages["private"].delete(old.file.name)
    public.save(old.file.name, ContentFile(PDF))  # where it was before
    get_document_model().objects.create(title="gone.pdf", file=ContentFile(PDF, name="gone.pdf"))
    storages["private"].delete("documents/gone.pdf")  # a row whose file is missing
    move(apps, None)
    move(apps, None)
    assert storages["private"].open(old.file.name).read() == PDF
    assert not public.exists(old.file.name)


# --- consultation attachments --------------------------------------------------------------

def test_consultation_attachment_is_stored_privately_under_a_name_nobody_can_guess(
        client, cast, make_consultation, settings):
    c = make_consultation(audience="partners")
    client.force_login(cast.wg3_coordinator)
    client.post(reverse("consultations:edit", args=[c.pk]),
                {"file": SimpleUploadedFile("Background paper.pdf", PDF)})
    attachment = ConsultationAttachment.objects.get()
    assert "Background" not in attachment.file.name
    assert storages["private"].exists(attachment.file.name)
    assert not FileSystemStorage(location=settings.MEDIA_ROOT).exists(attachment.file.name)
    assert attachment.name == "Background_paper.pdf"


def test_consultation_attachment_downloads_with_an_rfc5987_file_name(client, cast,
                                                                      make_consultation):
    c = make_consultation(audience="partners")
    attachment = ConsultationAttachment.objects.create(
        consultation=c, file=ContentFile(PDF, name="x.pdf"), name="Обществено допитване.pdf",
        content_type="application/pdf", size=len(PDF))
    client.force_login(cast.marche_member)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    for persona in ["veneto_member", "approved_stakeholder", "pending_stakeholder"]:
        client.force_login(getattr(cast, persona))
        assert client.get(attachment.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(attachment.get_absolute_url()).status_code == 302


def test_consultation_attachments_migration_moves_files_and_can_run_twice(
        settings, make_consultation):
    from importlib import import_module

    from django.apps import apps

    move = import_module("consultations.migrations.0003_attachments_private").move_to_private
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    old_name = public.save("consultations/2026/01/Secret plan.pdf", ContentFile(PDF))
    c = make_consultation()
    kept = ConsultationAttachment.objects.create(
        consultation=c, file=ContentFile(PDF, name="x.pdf"), name="kept.pdf",
        content_type="application/pdf", size=len(PDF))
    moved = ConsultationAttachment.objects.create(
        consultation=c, file=ContentFile(PDF, name="y.pdf"), name="Secret plan.pdf",
        content_type="application/pdf", size=len(PDF))
    missing = ConsultationAttachment.objects.create(
        consultation=c, file=ContentFile(PDF, name="z.pdf"), name="gone.pdf",
        content_type="application/pdf", size=len(PDF))
    ConsultationAttachment.objects.filter(pk=moved.pk).update(file=old_name)
    ConsultationAttachment.objects.filter(pk=missing.pk).update(file="consultations/gone.pdf")
    kept_name = kept.file.name
    move(apps, None)
    moved.refresh_from_db()
    first_name = moved.file.name
    move(apps, None)
    moved.refresh_from_db()
    kept.refresh_from_db()
    assert moved.file.name == first_name and "Secret" not in first_name
    assert storages["private"].open(first_name).read() == PDF
    assert not public.exists(old_name)
    assert kept.file.name == kept_name
    assert ConsultationAttachment.objects.get(pk=missing.pk).file.name == \
        "consultations/gone.pdf"


# --- one upload check ----------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content"), [
    ("page.html", b"<html><script>alert(1)</script></html>"),
    ("evil.pdf", b"<html><script>alert(1)</script></html>"),
    ("tool.exe", b"MZ\x90\x00"),
    ("table.csv", b"<script>alert(1)</script>,x\n"),
    ("empty.pdf", b""),
])
def test_partner_documents_and_consultation_attachments_refuse_the_same_files(
        client, cast, make_consultation, name, content):
    from django.core.exceptions import ValidationError

    from consultations.attachments import inspect_upload
    from partners.uploads import check_upload

    for check in (inspect_upload, check_upload):
        with pytest.raises(ValidationError):
            check(SimpleUploadedFile(name, content))


def test_partner_documents_and_consultation_attachments_accept_the_same_types():
    from consultations.attachments import inspect_upload
    from partners.uploads import check_upload

    webp = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(webp, "WEBP")
    for name, content in [("a.pdf", PDF), ("b.webp", webp.getvalue()),
                          ("c.csv", b"region,score\nMarche,4\n")]:
        assert inspect_upload(SimpleUploadedFile(name, content)) == \
            check_upload(SimpleUploadedFile(name, content))


# --- partner logos ---------------------------------------------------------------------------

POLYGLOT = (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
            b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n"
            b"/Helvetica findfont 12 scalefont setfont 0 0 moveto (pwned) show showpage\n"
            b"%%EOF\n")


def _png(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def _post_logo(client, people, upload):
    return client.post(reverse("partners:manage", args=["marche-region"]), {
        "short_name": "Marche", "description": "Lead partner.", "logo": upload})


@pytest.mark.parametrize("name", ["logo.eps", "logo.png", "logo.pdf"])
def test_pdf_postscript_polyglot_logo_is_refused_and_nothing_saved(client, people, name):
    client.force_login(people.marche_admin)
    response = _post_logo(client, people, SimpleUploadedFile(name, POLYGLOT))
    assert response.status_code == 200  # the form again, with its message
    people.marche.refresh_from_db()
    assert not people.marche.logo


def test_png_logo_with_a_pdf_glued_on_is_stored_and_served_without_it(client, people):
    client.force_login(people.marche_admin)
    response = _post_logo(client, people, SimpleUploadedFile(
        "logo.png", _png() + POLYGLOT, content_type="image/png"))
    assert response.status_code == 302
    people.marche.refresh_from_db()
    assert people.marche.logo.name.endswith(".png")
    client.logout()
    served = client.get(reverse("partners:logo", args=["marche-region"]))
    body = b"".join(served.streaming_content)
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"%PDF" not in body and b"PS-Adobe" not in body
    assert Image.open(io.BytesIO(body)).size == (40, 20)


def test_huge_logo_is_refused_with_its_size(client, people, settings):
    settings.LOGO_MAX_BYTES = 100
    client.force_login(people.marche_admin)
    response = _post_logo(client, people, SimpleUploadedFile("logo.png", _png((300, 300))))
    assert "the limit is" in response.content.decode()
    people.marche.refresh_from_db()
    assert not people.marche.logo


def test_gif_logo_is_refused_raster_means_png_jpeg_or_webp(client, people):
    gif = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(gif, "GIF")
    client.force_login(people.marche_admin)
    response = _post_logo(client, people, SimpleUploadedFile("logo.gif", gif.getvalue()))
    assert "PNG, JPEG or WebP" in response.content.decode()
