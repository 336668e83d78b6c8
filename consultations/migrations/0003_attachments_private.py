"""Consultation attachments move from the public media folder to the private storage
under random names. Safe to run twice: a row whose file is already in the private
storage is left alone, and a row whose file is missing keeps its name (its download
answers 404)."""
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import migrations, models

import consultations.models


def move_to_private(apps, schema_editor):
    Attachment = apps.get_model("consultations", "ConsultationAttachment")
    private = storages["private"]
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    for pk, name in Attachment.objects.values_list("pk", "file"):
        if not name or private.exists(name) or not public.exists(name):
            continue
        ext = name.rpartition(".")[2].lower()[:10] if "." in name else "bin"
        with public.open(name, "rb") as handle:
            new_name = private.save(f"consultations/{uuid.uuid4().hex}.{ext}", handle)
        Attachment.objects.filter(pk=pk).update(file=new_name)
        public.delete(name)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0002_deadline_schedule")]

    operations = [
        migrations.AlterField(
            model_name="consultationattachment", name="file",
            field=models.FileField(max_length=300, storage=consultations.models.private_storage,
                                   upload_to=consultations.models.attachment_path,
                                   verbose_name="file")),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
