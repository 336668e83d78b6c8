"""Wagtail documents (``documents/…``) move from the public media folder to the private
storage, where clusterpolisee.core.storage now reads them. Safe to run twice and with
missing files: a file already in the private storage, or missing, is left alone."""
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import migrations


def move_to_private(apps, schema_editor):
    Document = apps.get_model("wagtaildocs", "Document")
    private = storages["private"]
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    for name in Document.objects.values_list("file", flat=True):
        if not name or private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as handle:
            saved = private._save(name, handle)  # the same name: the rows keep pointing at it
        if saved == name:
            public.delete(name)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0003_practice_search_vector"),
                    ("wagtaildocs", "0014_alter_document_file_size")]

    operations = [migrations.RunPython(move_to_private, migrations.RunPython.noop)]
