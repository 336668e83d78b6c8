"""/api/v1/open-data.zip: CSV files of what visitors may see, formula-safe, rebuilt
(debounced) by a Celery task when public data changes."""
import csv
import io
import zipfile

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from api import open_data
from api.signals import schedule_open_data_rebuild
from clusterpolisee.core import page_cache
from clusterpolisee.core.csv_export import spreadsheet_safe as safe_cell

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_stored_zip():
    if default_storage.exists(open_data.STORAGE_NAME):
        default_storage.delete(open_data.STORAGE_NAME)
    yield
    if default_storage.exists(open_data.STORAGE_NAME):
        default_storage.delete(open_data.STORAGE_NAME)


def download(client) -> dict[str, list[dict]]:
    response = client.get("/api/v1/open-data.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    files = {}
    for name in archive.namelist():
        text = archive.read(name).decode()
        files[name] = text if name.endswith(".md") else list(csv.DictReader(io.StringIO(text)))
    return files


def test_the_zip_holds_public_data_only_and_a_readme_of_every_field(world, people, client):
    files = download(client)
    assert {r["id"] for r in files["practices.csv"]} == {str(world.public_practices[0].pk)}
    assert {r["name"] for r in files["partners.csv"]} == {
        people.marche.name, people.veneto.name, people.bsmepa.name}
    assert files["transfers.csv"][0]["practice"] == str(world.public_practices[0].pk)
    assert {r["code"] for r in files["working_groups.csv"]} == {"WG2", "WG3"}
    # events, deliverables and consultations are for logged-in users on every page
    assert files["events.csv"] == [] and files["deliverables.csv"] == []
    assert files["consultation_results.csv"] == []
    readme = files["README.md"]
    for name in ("practices.csv", "partners.csv", "transfers.csv", "events.csv"):
        assert f"## {name}" in readme
    assert "| first_published_at |" in readme


def test_cells_never_start_a_formula(people, client):
    people.marche.city = "=HYPERLINK(\"http://evil.example\")"
    people.marche.save()
    rows = download(client)["partners.csv"]
    cities = {r["city"] for r in rows}
    assert "'=HYPERLINK(\"http://evil.example\")" in cities
    for prefix in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(prefix + "1") == "'" + prefix + "1"
    assert safe_cell("Ancona") == "Ancona" and safe_cell(None) == ""


def test_the_endpoint_serves_the_stored_zip_and_builds_one_only_when_missing(people, client):
    assert not default_storage.exists(open_data.STORAGE_NAME)
    download(client)
    assert default_storage.exists(open_data.STORAGE_NAME)
    people.marche.city = "Ancona (changed, not yet rebuilt)"
    Partner = type(people.marche)
    Partner.objects.filter(pk=people.marche.pk).update(city=people.marche.city)  # no signal
    assert "Ancona (changed" not in str(download(client)["partners.csv"])


def test_a_change_of_public_data_schedules_one_rebuild_after_commit(
        people, client, django_capture_on_commit_callbacks):
    download(client)
    cache.delete("api:open-data:scheduled")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        people.marche.city = "Pesaro"
        people.marche.save()
        people.veneto.city = "Venezia"
        people.veneto.save()
    rebuilds = [c for c in callbacks if c is not page_cache._bump_now]
    assert len(rebuilds) == 1  # debounced: two changes, one rebuild
    cities = {r["city"] for r in download(client)["partners.csv"]}
    assert {"Pesaro", "Venezia"} <= cities
    assert schedule_open_data_rebuild() is True  # the task cleared the debounce mark


def test_the_rebuild_task_is_safe_to_run_twice(people):
    from api.tasks import open_data_rebuild

    first = open_data_rebuild()
    second = open_data_rebuild()
    assert first == second == open_data.STORAGE_NAME
