"""Content-based isolation: plant private things of every kind, each with a unique marker,
then crawl the site as every persona and assert that no marker reaches anyone outside
its audience — in pages, exports, feeds (.ics), searches, downloads and e-mails.

The crawl starts from the landing page, the dashboard and every planted object's own
address (probing ids as a hostile tester would), follows the links it finds (bounded),
and adds every export, search and calendar feed there is. It asks nothing about how the
site decides; it only reads what comes back, so it catches a leak in any channel.
"""
import re
import time
from collections import deque
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from clusterpolisee.core.models import Activity
from clusterpolisee.core.services import activity_record
from consultations import services as consultation_services
from knowledge.models import GoodPracticePage
from matchmaking import services as matchmaking_services
from matchmaking.models import Opportunity, Sector
from notifications import digests
from partners import services as partner_services
from partners.services import membership_remove
from tests.factories import staff, stakeholder
from tests.matchmaking.conftest import make_opportunity
from workgroups import services as wg_services
from workgroups.event_views import feed_token
from workgroups.models import Event, OperationalStage

pytestmark = pytest.mark.django_db

MAX_PAGES_PER_PERSONA = 70
SKIP = ("/cms", "/django-admin", "/accounts/", "/static/", "/i18n/", "/notifications/unsubscribe",
        "logout", "/sitemap.xml")
HREF = re.compile(r"""href=["']([^"'#]+)""")

MARCHE = {"marche_member", "marche_admin"}
WG3 = MARCHE | {"bsmepa_member", "wg3_coordinator"}
STAFF = WG3 | {"veneto_member"}
LOGGED_IN = STAFF | {"approved", "pending", "editor", "ex_marche"}


def marker(n: int) -> str:
    return f"QZX{n:02d}MARK"


class Planted:
    """marker -> who may read it (persona names); platform admins are never crawled."""

    def __init__(self):
        self.audience: dict[str, set[str]] = {}
        self.urls: list[str] = []

    def add(self, n, audience, url=None):
        self.audience[marker(n)] = set(audience)
        if url:
            self.urls.append(url)
        return marker(n)


@pytest.fixture
def world(people, make_practice, django_capture_on_commit_callbacks):
    cast = {
        "anonymous": None, "marche_member": people.marche_member,
        "marche_admin": people.marche_admin, "veneto_member": people.veneto_member,
        "bsmepa_member": people.bsmepa_member, "wg3_coordinator": people.wg3_coordinator,
        "approved": stakeholder(email="approved@cluster.example.org"),
        "pending": stakeholder(approved=False, email="pending@cluster.example.org"),
        "editor": people.cms_editor,
        "ex_marche": staff(people.marche, email="leaver@marche.example.org"),
    }
    planted = Planted()
    stage, _ = OperationalStage.objects.get_or_create(number=1, defaults={"title": "Gaps"})
    sector, _ = Sector.objects.get_or_create(code="C", defaults={"name": "Manufacturing"})
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        # partner workspace: folder, note, document (title and file content)
        partner_services.folder_create(partner=people.marche, name=planted.add(1, MARCHE),
                                       user=people.marche_admin)
        note = partner_services.note_save(partner=people.marche, user=people.marche_member,
                                          title=planted.add(2, MARCHE), body="<p>Plan</p>")
        document = partner_services.document_create(
            partner=people.marche, user=people.marche_member, title=planted.add(3, MARCHE),
            upload=SimpleUploadedFile("figures.csv", f"region;{marker(3)}\nMarche;1\n".encode()))
        planted.urls += [reverse("partners:note", args=[people.marche.slug, note.pk]),
                         document.get_absolute_url(),
                         reverse("partners:workspace", args=[people.marche.slug])]
        # WG3-internal discussion and finding
        topic = wg_services.topic_create(wg=people.wg3, user=people.bsmepa_member,
                                         title=planted.add(4, WG3), body="Between us.")
        wg_services.finding_create(wg=people.wg3, stage=stage, user=people.wg3_coordinator,
                                   title=planted.add(5, WG3), body="Internal.")
        planted.urls.append(topic.get_absolute_url())
        # consultations of each audience, and a comment
        def consultation(n, audience_rule, who, open_it=True, wg=people.wg3):
            c = consultation_services.consultation_create(
                user=people.wg3_coordinator, title=planted.add(n, who),
                background="<p>What should the project do?</p>", audience=audience_rule,
                opens_at=now - timedelta(hours=1), closes_at=now + timedelta(days=7),
                working_group=wg)
            if open_it:
                consultation_services.consultation_open(consultation=c, user=people.wg3_coordinator)
            planted.urls.append(c.get_absolute_url())
            return c
        wg_only = consultation(6, "partners", WG3)
        consultation(7, "stakeholders", STAFF | {"approved"})
        consultation(8, "public", {"wg3_coordinator"}, open_it=False)
        consultation_services.comment_post(consultation=wg_only, user=people.marche_member,
                                           body=f"<p>{marker(9)}</p>")
        planted.add(9, WG3)
        # matchmaking: unmoderated and published opportunities, an interest
        make_opportunity(people.veneto_member, [sector], status=Opportunity.Status.SUBMITTED,
                         title=planted.add(10, {"veneto_member", "wg3_coordinator"}))
        published = make_opportunity(people.marche_member, [sector],
                                     title=planted.add(11, STAFF | {"approved"}))
        planted.urls.append(published.get_absolute_url())
        matchmaking_services.opportunity_merge(
            user=people.wg3_coordinator, into=published,
            duplicate=make_opportunity(people.veneto_member, [sector],
                                       status=Opportunity.Status.SUBMITTED,
                                       title=planted.add(12, {"veneto_member",
                                                              "wg3_coordinator"})))
        interest = matchmaking_services.interest_express(
            user=people.bsmepa_member, opportunity=published,
            message=planted.add(13, {"bsmepa_member", "wg3_coordinator"}))
        planted.urls.append(interest.get_absolute_url())
        # practices: partners-only, in review, password- and group-restricted
        partners_only = make_practice(title=planted.add(14, STAFF | {"editor"}),
                                      visibility=GoodPracticePage.Visibility.PARTNERS)
        activity_record(actor=people.cms_editor, verb="practice.published", target=partners_only,
                        partner=people.marche, visibility=Activity.Visibility.PUBLIC)
        client = Client()
        client.force_login(people.marche_member)
        client.post(reverse("knowledge:submit"), {
            "title": planted.add(15, MARCHE | {"editor"}), "summary": "In review.",
            "description": "Not yet approved.", "visibility": "public",
            "country": people.marche.country.pk, "region": "Marche",
            "working_groups": [people.wg3.pk], "contact_email": "giulia@example.org"})
        assert GoodPracticePage.objects.filter(title=marker(15)).exists()
        for n, kind, audience in ((16, PageViewRestriction.PASSWORD, set()),
                                  (17, PageViewRestriction.GROUPS, {"marche_member"})):
            practice = make_practice(title=planted.add(n, audience),
                                     summary=f"A cluster scheme, {marker(n)}.")
            restriction = PageViewRestriction.objects.create(page=practice, password="pw",
                                                             restriction_type=kind)
            if kind == PageViewRestriction.GROUPS:
                group = Group.objects.create(name="Voucher reviewers")
                restriction.groups.set([group])
                people.marche_member.groups.add(group)
            activity_record(actor=people.cms_editor, verb="practice.published",
                            target=practice, partner=people.marche,
                            visibility=Activity.Visibility.PUBLIC)
        # governance, pilots, events and their registrants
        decision = wg_services.decision_create(user=people.marche_admin,
                                               title=planted.add(18, STAFF),
                                               text="Adopt.", deadline=now + timedelta(days=3))
        wg_services.vote_cast(decision=decision, user=people.marche_admin, choice="no")
        planted.urls.append(decision.get_absolute_url())
        pilot = wg_services.pilot_create(
            wg=people.wg3, user=people.wg3_coordinator, stage=stage,
            title=planted.add(19, STAFF), objectives="Peer learning.", region="Marche",
            partner=people.marche, indicators=[("Managers trained", "people", 0, 20)])
        planted.urls.append(pilot.get_absolute_url())
        event = wg_services.event_save(user=people.wg3_coordinator, event=Event(
            title=planted.add(20, LOGGED_IN), starts_at=now + timedelta(days=9),
            ends_at=now + timedelta(days=9, hours=2)))
        registrant = staff(people.bsmepa, email="registrant@bsmepa.example.org",
                           full_name=planted.add(21, STAFF))
        wg_services.event_register(event=event, user=registrant)
        planted.urls.append(event.get_absolute_url())
        # a private notification of Marche's
        activity_record(actor=people.marche_admin, verb="wg.topic_created",
                        target=partner_services.folder_create(
                            partner=people.marche, name=planted.add(22, MARCHE),
                            user=people.marche_admin),
                        partner=people.marche)
    early_mail = list(mail.outbox)
    # access lost: the leaver was told Marche's things while at Marche, then left
    membership_remove(membership=cast["ex_marche"].membership, user=people.marche_admin)
    cast["ex_marche"].refresh_from_db()
    mail.outbox.clear()
    return cast, planted, early_mail


def read(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def crawl(user, planted) -> dict[str, bytes]:
    client = Client()
    if user is not None:
        client.force_login(user)
    seeds = ["/", reverse("dashboard"), reverse("notifications:list"), reverse("knowledge:library"),
             reverse("knowledge:export_json"), reverse("knowledge:export_csv"),
             # a search for a word every planted practice has (a marker as the query would
             # only be echoed back in the search box)
             f"{reverse('knowledge:library')}?q=cluster",
             *planted.urls]
    if user is not None:
        seeds.append(reverse("workgroups:event_feed", args=[feed_token(user)]))
    queue, seen, pages = deque(seeds), set(), {}
    while queue and len(pages) < MAX_PAGES_PER_PERSONA + len(seeds):
        url = queue.popleft()
        if url in seen or any(part in url for part in SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code in (301, 302) and response.url.startswith("/"):
            queue.append(response.url)
            continue
        body = read(response)
        pages[url] = body
        if "html" in response.get("Content-Type", ""):
            for link in HREF.findall(body.decode(errors="replace")):
                link = link.replace("&amp;", "&")
                if link.startswith("/") and not link.startswith("//") and link not in seen:
                    queue.append(link)
    return pages


def leaks(persona, texts: dict[str, bytes], planted) -> list[str]:
    found = []
    for name, body in texts.items():
        for mark, audience in planted.audience.items():
            if persona not in audience and mark.encode() in body:
                found.append(f"{persona} read {mark} in {name}")
    return found


def mail_leaks(messages, address_of, planted) -> list[str]:
    persona_of = {address: persona for persona, address in address_of.items()}
    found = []
    for message in messages:
        text = "\n".join([message.subject, message.body,
                          *(str(alt[0]) for alt in getattr(message, "alternatives", []))])
        for address in message.to:
            persona = persona_of.get(address)
            if persona is None:
                continue
            found += leaks(persona, {f"an e-mail ({message.subject})": text.encode()}, planted)
    return found


def test_no_planted_marker_reaches_anyone_outside_its_audience_in_any_channel(world):
    cast, planted, early_mail = world
    started = time.monotonic()
    found, reached, crawled = [], set(), 0
    for persona, user in cast.items():
        pages = crawl(user, planted)
        crawled += len(pages)
        found += leaks(persona, pages, planted)
        reached |= {m for m in planted.audience for body in pages.values() if m.encode() in body}
    # e-mails: the immediate ones sent while planting (the leaver was still at Marche then),
    # then the next daily digest, after the leaver lost access
    address_of = {p: u.email for p, u in cast.items() if u is not None}
    while_planting = {**planted.audience,
                      **{m: a | {"ex_marche"} for m, a in planted.audience.items() if a >= MARCHE}}
    early = Planted()
    early.audience = while_planting
    found += mail_leaks(early_mail, address_of, early)
    run = digests.digest_run_prepare(period="daily", period_start=timezone.localdate())
    for batch in digests.pending_batches(run):
        digests.digest_batch_send(digest_ids=batch)
    found += mail_leaks(mail.outbox, address_of, planted)
    print(f"crawled {crawled} pages in {time.monotonic() - started:.1f} s")
    assert found == [], "\n".join(found)
    # the crawl is worth something only if the insiders did read what was planted
    readable = {m for m, audience in planted.audience.items() if audience}
    assert readable <= reached, sorted(readable - reached)


def test_the_crawl_catches_a_feed_selector_that_forgets_the_target_check(world, monkeypatch):
    """The crawl is a real detector: with the activity selector reduced to its scope (the
    target's current visibility forgotten, as before issue 13), it reports leaks."""
    from clusterpolisee.core import selectors

    cast, planted, _early_mail = world
    monkeypatch.setattr(selectors, "_target_q", lambda user, prefix, target_types=None: Q())
    found = []
    for persona in ("pending", "editor", "veneto_member"):
        found += leaks(persona, crawl(cast[persona], planted), planted)
    assert found, "the broken selector went unnoticed"
    print(f"{len(found)} leaks found with the broken selector, e.g. {found[0]}")
