"""STORAGE_BACKEND=s3: one bucket, public media under media/, private files under private/,
and no private file ever has a bucket URL (signed or not). moto stands in for S3."""
import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings
from moto import mock_aws

from clusterpolisee.core.storage import NO_PUBLIC_URL

BUCKET = "cps-test-bucket"
S3_STORAGES = {
    "default": {"BACKEND": "clusterpolisee.core.storage.S3MediaStorage",
                "OPTIONS": {"location": "media", "bucket_name": BUCKET}},
    "private": {"BACKEND": "clusterpolisee.core.storage.S3PrivateStorage",
                "OPTIONS": {"location": "private", "bucket_name": BUCKET}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture
def bucket(monkeypatch):
    for var, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(var, value)
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        with override_settings(STORAGES=S3_STORAGES):
            storages._storages = {}  # built again from the overridden setting
            yield client
        storages._storages = {}


def keys(client):
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_wagtail_documents_go_to_the_private_prefix_and_have_no_url(bucket):
    name = storages["default"].save("documents/evidence.pdf", ContentFile(b"%PDF-1.4"))
    assert keys(bucket) == ["private/documents/evidence.pdf"]
    with storages["default"].open(name) as handle:
        assert handle.read() == b"%PDF-1.4"
    with pytest.raises(NotImplementedError):
        storages["default"].url(name)


def test_private_storage_answers_no_bucket_url(bucket):
    name = storages["private"].save("documents/7/abc", ContentFile(b"secret"))
    assert keys(bucket) == ["private/documents/7/abc"]
    url = storages["private"].url(name)
    assert url.startswith(NO_PUBLIC_URL)
    assert BUCKET not in url and "Signature" not in url and "X-Amz" not in url


def test_public_media_lives_under_media_with_a_bucket_url(bucket):
    name = storages["default"].save("images/logo.png", ContentFile(b"png"))
    assert keys(bucket) == ["media/images/logo.png"]
    assert BUCKET in storages["default"].url(name)
