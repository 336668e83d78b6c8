"""Fixtures for the workspace tests: files of each kind and documents in each sharing state."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterpolisee.core.pdf import simple_pdf
from partners import services
from partners.models import Document


def pdf_upload(name="report.pdf", text="Cluster report"):
    return SimpleUploadedFile(name, simple_pdf(text), content_type="application/pdf")


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Override PartName="/word/document.xml"/>'
                         "</Types>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def make_document(people):
    def _make(partner=None, user=None, *, visibility=Document.Visibility.PRIVATE,
              partners=(), working_groups=(), title="Cluster policy review"):
        partner = partner or people.marche
        user = user or people.marche_member
        document = services.document_create(partner=partner, user=user, title=title,
                                            upload=pdf_upload())
        if visibility != Document.Visibility.PRIVATE:
            services.document_share(document=document, user=user, visibility=visibility,
                                    partners=partners, working_groups=working_groups)
        return document
    return _make
