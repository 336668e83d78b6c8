"""Matchmaking profiles: kept by partner staff for their own partner; contacts withheld."""
import pytest

from matchmaking.models import Profile

pytestmark = pytest.mark.django_db


def test_a_member_keeps_their_partners_profile(client, people, sectors):
    client.force_login(people.marche_member)
    response = client.post("/matchmaking/profile/", {
        "sectors": [sectors["C"].pk], "size": "large", "offers": "Furniture districts",
        "seeks": "ICT partners", "contact_persons": "Giulia, +39 071 000"})
    profile = Profile.objects.get()
    assert response.url == profile.get_absolute_url()
    assert profile.partner == people.marche and profile.country.iso_code == "IT"
    assert profile.owner == people.marche_member
    # a colleague edits the same profile, not a second one
    client.force_login(people.marche_admin)
    client.post("/matchmaking/profile/", {"size": "medium", "offers": "More"})
    assert Profile.objects.get().size == "medium"


def test_contact_persons_are_hidden_from_other_partners(client, people, sectors):
    profile = Profile.objects.create(partner=people.marche, country=people.marche.country,
                                     contact_persons="Giulia, +39 071 000")
    client.force_login(people.bsmepa_member)
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "+39 071 000" not in page
    client.force_login(people.marche_member)
    assert "+39 071 000" in client.get(profile.get_absolute_url()).content.decode()
