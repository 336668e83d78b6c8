"""Translated practices: the library shows the reader's language, falling back to the
original where there is no translation."""
import pytest
from django.urls import reverse
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def translate(page, title, summary):
    bulgarian = Locale.objects.get(language_code="bg")
    translation = page.copy_for_translation(bulgarian, copy_parents=True)
    translation.title, translation.summary = title, summary
    translation.save_revision().publish()
    return translation


def as_bulgarian(client):
    client.cookies["django_language"] = "bg"
    return client


def test_bulgarian_reader_sees_the_translation_and_the_untranslated_original(
        client, make_practice):
    vouchers = make_practice(title="Lab voucher scheme", summary="Vouchers for labs.")
    make_practice(title="Green district pact", summary="Shared energy targets.")
    translate(vouchers, "Иновационни ваучери", "Ваучери за лаборатории.")
    page = as_bulgarian(client).get(reverse("knowledge:library")).content.decode()
    assert "Иновационни ваучери" in page and "Lab voucher scheme" not in page
    assert "Green district pact" in page  # no translation: the original


def test_english_reader_sees_the_originals_only(client, make_practice):
    vouchers = make_practice(title="Lab voucher scheme", summary="Vouchers for labs.")
    translate(vouchers, "Иновационни ваучери", "Ваучери за лаборатории.")
    page = client.get(reverse("knowledge:library")).content.decode()
    assert "Lab voucher scheme" in page and "Иновационни ваучери" not in page


def test_bulgarian_reader_opens_the_translated_page_at_the_same_address(client,
                                                                        make_practice):
    vouchers = make_practice(title="Lab voucher scheme", summary="Vouchers for labs.")
    translate(vouchers, "Иновационни ваучери", "Ваучери за лаборатории.")
    response = as_bulgarian(client).get(vouchers.url)
    assert response.status_code == 200
    assert "Иновационни ваучери" in response.content.decode()
