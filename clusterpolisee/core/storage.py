"""The public media storage, which keeps Wagtail's documents out of it.

Wagtail's document model stores its file in the default storage under ``documents/``, and
the field cannot be given another storage without a migration in Wagtail's own app. Files
of good practices are often partners-only or still in review, and ``/media/`` is public
(images need it), so every name under ``documents/`` is read and written in
``storages["private"]`` instead, and such a file has no public URL: Wagtail then serves it
through its view, where ``knowledge.wagtail_hooks`` asks whether the reader may see it.

With ``STORAGE_BACKEND=s3`` the same routing runs over one bucket: public media under
``media/``, everything private under ``private/``. Private objects get no URL at all, not
even a signed one: every download is streamed by a view that asked for permission first
(docs/deploy.md, "Object storage").
"""
from django.core.files.storage import FileSystemStorage, storages
from storages.backends.s3 import S3Storage

PRIVATE_PREFIXES = ("documents/",)
# What the private storage answers when something asks for a URL (a form widget showing
# the current file, say): a path nothing serves, never the storage's own address.
NO_PUBLIC_URL = "/no-public-url/"


def is_private_name(name: str) -> bool:
    return str(name or "").replace("\\", "/").lstrip("/").startswith(PRIVATE_PREFIXES)


class PrivateRoutingMixin:
    """Reads and writes the names in ``PRIVATE_PREFIXES`` in ``storages["private"]``."""

    @staticmethod
    def _private():
        return storages["private"]

    def open(self, name, mode="rb"):
        if is_private_name(name):
            return self._private().open(name, mode)
        return super().open(name, mode)

    def save(self, name, content, max_length=None):
        if is_private_name(name):
            return self._private().save(name, content, max_length=max_length)
        return super().save(name, content, max_length=max_length)

    def delete(self, name):
        if is_private_name(name):
            return self._private().delete(name)
        return super().delete(name)

    def exists(self, name):
        if is_private_name(name):
            return self._private().exists(name)
        return super().exists(name)

    def size(self, name):
        if is_private_name(name):
            return self._private().size(name)
        return super().size(name)

    def path(self, name):
        if is_private_name(name):
            return self._private().path(name)
        return super().path(name)

    def url(self, name, *args, **kwargs):
        if is_private_name(name):
            # No public address: Wagtail falls back to its permission-checking view.
            raise NotImplementedError("private files have no public URL")
        return super().url(name, *args, **kwargs)

    def get_modified_time(self, name):
        if is_private_name(name):
            return self._private().get_modified_time(name)
        return super().get_modified_time(name)


class MediaStorage(PrivateRoutingMixin, FileSystemStorage):
    """MEDIA_ROOT for public files (images, partner logos); the private storage for the
    names in ``PRIVATE_PREFIXES``."""


class S3MediaStorage(PrivateRoutingMixin, S3Storage):
    """The bucket's ``media/`` for public files; ``storages["private"]`` for the names in
    ``PRIVATE_PREFIXES``."""


class S3PrivateStorage(S3Storage):
    """The bucket's ``private/``: partner documents, consultation attachments, Wagtail
    documents. Never a bucket URL, signed or not: the views stream these files."""

    def url(self, name, *args, **kwargs):
        return NO_PUBLIC_URL + str(name).lstrip("/")
