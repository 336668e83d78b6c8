"""Uploading, versioning, sharing, downloading and deleting documents; bad input."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.test import override_settings
from django.urls import reverse

from clusterpolisee.core.models import Activity
from clusterpolisee.core.selectors import activities_visible_to
from clusterpolisee.core.uploads import safe_filename
from partners import services
from partners.models import Document, DocumentShare, DocumentVersion
from partners.selectors import audit_log_visible_to
from tests.partners.conftest import docx_bytes, pdf_upload

pytestmark = pytest.mark.django_db
UPLOAD = reverse("partners:upload", args=["marche-region"])


def post_upload(client, upload, **fields):
    data = {"title": "Regional report", "description": "", "file": upload, **fields}
    return client.post(UPLOAD, data)


def test_member_uploads_a_pdf_and_it_is_private(client, people):
    client.force_login(people.marche_member)
    response = post_upload(client, pdf_upload(), working_groups=[people.wg3.pk])
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.visibility == "private"
    assert list(document.working_groups.all()) == [people.wg3]
    version = document.current_version
    assert version.number == 1 and version.filename == "report.pdf"
    assert version.content_type == "application/pdf" and len(version.sha256) == 64
    # the stored file name says nothing and is not under the public media root
    assert "report" not in version.file.name
    assert Activity.objects.filter(verb="document.created", partner=people.marche).exists()


def test_office_and_csv_files_are_accepted_by_content(client, people):
    client.force_login(people.marche_member)
    docx = SimpleUploadedFile("plan.docx", docx_bytes())
    assert post_upload(client, docx).status_code == 302
    csv_file = SimpleUploadedFile("indicators.csv", b"region;clusters\nMarche;12\n")
    assert post_upload(client, csv_file, title="Indicators").status_code == 302
    assert Document.objects.count() == 2


@pytest.mark.parametrize("name,content,message", [
    ("empty.pdf", b"", "The submitted file is empty"),
    ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "not a PDF document"),
    ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "cannot be uploaded"),
    ("table.csv", b"\x00\x01\x02binary", "does not look like a CSV"),
    ("notes.docx", b"%PDF-1.4 not really a docx", "not a DOCX document"),
])
def test_bad_files_are_refused_with_a_message_and_nothing_saved(client, people, name,
                                                                 content, message):
    client.force_login(people.marche_member)
    response = post_upload(client, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert not Activity.objects.exists()


@override_settings(DOCUMENT_MAX_BYTES=500)
def test_oversize_file_is_refused_with_the_limit(client, people):
    client.force_login(people.marche_member)
    response = post_upload(client, pdf_upload(text="x" * 600))
    assert response.status_code == 400
    assert "the limit is 500" in response.content.decode()
    assert not Document.objects.exists()


def test_missing_title_keeps_nothing(client, people):
    client.force_login(people.marche_member)
    response = post_upload(client, pdf_upload(), title="")
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("name,expected", [
    ("../../x.pdf", "x.pdf"), ("..\\..\\evil.pdf", "evil.pdf"),
    ("Доклад за клъстерите.pdf", "Доклад_за_клъстерите.pdf"),
    (".hidden.pdf", "hidden.pdf")])
def test_path_tricks_in_file_names_are_made_safe(name, expected):
    assert safe_filename(name) == expected


def test_very_long_file_name_is_shortened_keeping_the_extension(client, people):
    client.force_login(people.marche_member)
    post_upload(client, pdf_upload(name="a" * 300 + ".pdf"))
    filename = Document.objects.get().current_version.filename
    assert len(filename) <= 120 and filename.endswith(".pdf")


def test_download_is_an_attachment_with_a_safe_name(client, people, make_document):
    document = make_document()
    version = document.current_version
    version.filename = "Доклад за клъстерите.pdf"
    version.save()
    client.force_login(people.marche_member)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert Activity.objects.filter(verb="document.downloaded", actor=people.marche_member,
                                   visibility="audit").exists()


def test_new_version_keeps_the_old_ones(client, people, make_document):
    document = make_document()
    client.force_login(people.marche_member)
    response = client.post(reverse("documents:new_version", args=[document.pk]),
                           {"file": pdf_upload(text="second"), "comment": "Figures updated"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.current_version.number == 2
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    old = client.get(reverse("documents:download_version", args=[document.pk, 1]))
    assert old.status_code == 200


def test_wg_member_cannot_upload_a_version(client, people, make_document):
    document = make_document(visibility="shared", working_groups=[people.wg3])
    client.force_login(people.bsmepa_member)
    response = client.post(reverse("documents:new_version", args=[document.pk]),
                           {"file": pdf_upload()})
    assert response.status_code == 403
    assert document.versions.count() == 1


def test_sharing_with_a_working_group_and_withdrawing_it(client, people, make_document):
    document = make_document()
    client.force_login(people.marche_member)
    url = reverse("documents:share", args=[document.pk])
    response = client.post(url, {"visibility": "shared", "working_groups": [people.wg3.pk]})
    assert response.status_code == 302
    assert DocumentShare.objects.filter(document=document, working_group=people.wg3).exists()
    shared = Activity.objects.get(verb="document.shared")
    assert shared.working_group == people.wg3
    assert shared in activities_visible_to(people.bsmepa_member)
    assert shared not in activities_visible_to(people.veneto_member)
    client.post(url, {"visibility": "private"})
    assert not DocumentShare.objects.filter(document=document).exists()
    client.force_login(people.bsmepa_member)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert Activity.objects.filter(verb="document.unshared", detail="WG3").exists()


def test_sharing_with_a_partner_that_does_not_exist_is_refused(client, people, make_document):
    document = make_document()
    client.force_login(people.marche_member)
    response = client.post(reverse("documents:share", args=[document.pk]),
                           {"visibility": "shared", "partners": [999999]})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not DocumentShare.objects.exists()


def test_shared_without_a_target_is_refused(client, people, make_document):
    document = make_document()
    client.force_login(people.marche_member)
    response = client.post(reverse("documents:share", args=[document.pk]),
                           {"visibility": "shared"})
    assert response.status_code == 400
    assert "at least one partner or working group" in response.content.decode()
    document.refresh_from_db()
    assert document.visibility == "private"


def test_sharing_by_a_user_without_rights_is_refused(people, make_document):
    document = make_document(visibility="shared", working_groups=[people.wg3])
    with pytest.raises(PermissionDenied):
        services.document_share(document=document, user=people.bsmepa_member,
                                visibility="public")
    document.refresh_from_db()
    assert document.visibility == "shared"


def test_named_partner_share_reaches_that_partners_feed(people, make_document):
    make_document(visibility="shared", partners=[people.veneto])
    received = Activity.objects.get(verb="share.received")
    assert received in activities_visible_to(people.veneto_member)
    assert received not in activities_visible_to(people.bsmepa_member)
    audit = Activity.objects.get(verb="document.shared")
    assert audit.visibility == "audit" and audit.detail == "Veneto Region"


def test_audit_log_survives_deletion_and_is_scoped(client, people, make_document):
    document = make_document(visibility="shared", working_groups=[people.wg3])
    client.force_login(people.bsmepa_member)
    client.get(reverse("documents:download", args=[document.pk]))
    client.force_login(people.marche_member)
    assert client.post(reverse("documents:delete", args=[document.pk])).status_code == 302
    verbs = list(audit_log_visible_to(people.marche_admin, people.marche)
                 .values_list("verb", flat=True))
    assert {"document.created", "document.shared", "document.downloaded",
            "document.deleted"} <= set(verbs)
    assert not audit_log_visible_to(people.veneto_member).exists()
    assert not audit_log_visible_to(people.marche_member).exists()
    page = client.get(reverse("partners:audit", args=["marche-region"]))
    assert page.status_code == 404  # a member is not an admin
    client.force_login(people.marche_admin)
    page = client.get(reverse("partners:audit", args=["marche-region"])).content.decode()
    assert "Cluster policy review" in page and "downloaded" in page and "Petar Ivanov" in page


def test_deleting_removes_the_files(people, make_document):
    document = make_document()
    storage, name = document.current_version.file.storage, document.current_version.file.name
    assert storage.exists(name)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.document_delete(document=document, user=people.marche_member)
    assert not storage.exists(name)


def test_a_partner_with_documents_cannot_be_deleted(people, make_document):
    make_document()
    with pytest.raises(ProtectedError):
        people.marche.delete()


def test_failed_upload_leaves_no_file_behind(people, monkeypatch):
    from django.conf import settings

    from partners import services as partner_services

    def stored_files():
        return set(settings.PRIVATE_MEDIA_ROOT.rglob("*"))

    before = stored_files()

    def boom(**kwargs):
        raise ValidationError("recording failed")

    monkeypatch.setattr(partner_services, "activity_record", boom)
    with pytest.raises(ValidationError):
        partner_services.document_create(partner=people.marche, user=people.marche_member,
                                          title="X", upload=pdf_upload())
    assert not Document.objects.exists()
    assert {p for p in stored_files() if p.is_file()} == {p for p in before if p.is_file()}


def test_note_html_is_sanitised(client, people):
    client.force_login(people.marche_member)
    response = client.post(reverse("partners:note_create", args=["marche-region"]), {
        "title": "Plan", "body": '<p onclick="x()">Hi <script>alert(1)</script><b>there</b></p>'})
    assert response.status_code == 302
    from partners.models import Note

    body = Note.objects.get().body
    assert "<script" not in body and "onclick" not in body and "<b>there</b>" in body


def test_folders_group_documents(client, people):
    client.force_login(people.marche_member)
    client.post(reverse("partners:folder_create", args=["marche-region"]), {"name": "SC 2013"})
    from partners.models import Folder

    folder = Folder.objects.get()
    post_upload(client, pdf_upload(), folder=folder.pk)
    post_upload(client, pdf_upload(), title="Loose paper")
    client.get(reverse("dashboard"))  # shows (and so clears) the upload messages
    page = client.get(reverse("partners:workspace", args=["marche-region"]),
                      {"folder": folder.pk}).content.decode()
    assert "Regional report" in page and "Loose paper" not in page
    duplicate = client.post(reverse("partners:folder_create", args=["marche-region"]),
                            {"name": "SC 2013"}, follow=True)
    assert "already exists" in duplicate.content.decode()
    assert client.get(reverse("partners:workspace", args=["marche-region"]),
                      {"folder": 99999}).status_code == 404


def test_cannot_file_a_document_in_another_partners_folder(client, people):
    from partners.models import Folder

    foreign = Folder.objects.create(partner=people.veneto, name="Veneto only")
    client.force_login(people.marche_member)
    response = post_upload(client, pdf_upload(), folder=foreign.pk)
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_private_with_ticked_working_groups_is_refused_not_saved_silently(
        client, people, make_document):
    document = make_document()
    client.force_login(people.marche_member)
    response = client.post(reverse("documents:share", args=[document.pk]),
                           {"visibility": "private", "working_groups": [people.wg3.pk]})
    assert response.status_code == 400
    assert "but chose" in response.content.decode()
    assert not DocumentShare.objects.exists()
    response = client.post(reverse("documents:share", args=[document.pk]),
                           {"visibility": "shared", "working_groups": [people.wg3.pk]})
    assert response.status_code == 302
    assert DocumentShare.objects.get().working_group == people.wg3


def test_the_upload_form_says_its_working_group_boxes_are_tags_not_sharing(client, people):
    client.force_login(people.marche_member)
    page = client.get(UPLOAD).content.decode()
    assert "Tags: working groups" in page and "they do not share it" in page
