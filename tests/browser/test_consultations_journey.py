"""The consultation journey in Chromium: a stakeholder signs up and is approved, comments
(with a script that must never run), a member flags the comment, the coordinator hides it,
closes the consultation and publishes the summary, and the stakeholder reads it."""
import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, assert_accessible, log_in
from tests.factories import PASSWORD, ConsultationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAKEHOLDER = "nina@adriatic-cluster.example.org"
SECRET = "a-long-enough-secret-42"
SCRIPTED = ('Our members need regional data first. <script>window.__pwned = 1</script>'
            '<img src="x" onerror="window.__pwned = 2"><b onmouseover="window.__pwned = 3">x</b>')


def snapshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"consultations-{name}.png"), full_page=True)


def switch_user(page, email, password=PASSWORD):
    page.context.clear_cookies()
    log_in(page, email, password)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_stakeholder_comment_is_flagged_hidden_and_the_summary_reaches_them(page, people):
    consultation = ConsultationFactory(
        title="Smart specialisation priorities", owner=people.wg3_coordinator,
        working_group=people.wg3, audience="stakeholders")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # a stakeholder signs up and confirms the address
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Sign up as a stakeholder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up as a stakeholder")
    assert_accessible(page)
    page.get_by_label("Email").fill(STAKEHOLDER)
    page.get_by_label("Password:", exact=True).fill(SECRET)
    page.get_by_label("Password (again)").fill(SECRET)
    page.get_by_label("Full name").fill("Nina Novak")
    page.get_by_label("Organisation").fill("Adriatic Cluster")
    page.get_by_label("Country").select_option(label="Italy")
    page.get_by_label("WG3: International cluster cooperation and networking").check()
    page.get_by_label("I accept the terms of participation").check()
    snapshot(page, "signup")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator("main")).to_contain_text("Verify Your Email Address")
    EmailAddress.objects.filter(email=STAKEHOLDER).update(verified=True)

    # not yet approved: the consultation does not exist for them
    log_in(page, STAKEHOLDER, SECRET)
    page.goto(consultation.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).not_to_have_text(consultation.title)

    # the WG3 coordinator approves them into the user group
    switch_user(page, people.wg3_coordinator.email)
    page.get_by_role("link", name="Consultations", exact=True).click()
    page.get_by_role("link", name="Approve stakeholders").click()
    expect(page.locator("main")).to_contain_text("Adriatic Cluster")
    assert_accessible(page)
    page.get_by_role("button", name="Approve Nina Novak").click()
    expect(page.locator(".messages")).to_contain_text("approved into the user group")

    # the stakeholder comments; the script in the comment never runs
    switch_user(page, STAKEHOLDER, SECRET)
    page.get_by_role("link", name="Consultations", exact=True).click()
    page.get_by_role("link", name=consultation.title).first.click()
    page.get_by_role("textbox", name="Your comment").fill(SCRIPTED)
    page.get_by_role("button", name="Post comment").click()
    comment = page.locator("article.comment").first
    expect(comment).to_contain_text("Our members need regional data first.")
    comment.locator(".comment-body").hover()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("article.comment script, article.comment img").count() == 0
    assert dialogs == []
    assert_accessible(page)
    snapshot(page, "thread")

    # a partner member flags it
    switch_user(page, people.marche_member.email)
    page.goto(consultation.get_absolute_url())
    page.locator("article.comment").first.get_by_role("link", name="Flag").click()
    page.get_by_label("Reason").fill("Off topic: this is about data, not priorities")
    page.get_by_role("button", name="Flag for moderation").click()
    expect(page.locator(".messages")).to_contain_text("the moderators will look at this comment")

    # the coordinator sees it counted on the dashboard and in the queue of all consultations
    switch_user(page, people.wg3_coordinator.email)
    page.get_by_role("link", name="1 flagged comment waits in the moderation queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Moderation queue of all consultations")
    expect(page.locator("main")).to_contain_text("Off topic: this is about data")
    assert_accessible(page)
    page.get_by_label("Working group").select_option(label=str(people.wg3))
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("article.comment")).to_have_count(1)
    snapshot(page, "moderation-queue")

    # and hides it from the consultation's own queue, closes it, publishes the summary
    page.goto(consultation.get_absolute_url())
    page.get_by_role("link", name="Moderation queue", exact=True).click()
    expect(page.locator("main")).to_contain_text("Off topic: this is about data")
    assert_accessible(page)
    snapshot(page, "moderation")
    page.get_by_label("Reason shown in place of the comment").fill("Off topic")
    page.get_by_role("button", name="Hide comment").click()
    expect(page.locator(".messages")).to_contain_text("The comment is hidden.")
    expect(page.get_by_role("region", name="Moderation log")).to_contain_text(
        "hid a comment on the consultation")
    page.get_by_role("link", name=consultation.title).first.click()
    page.get_by_role("button", name="Close consultation").click()
    expect(page.locator(".messages")).to_contain_text("The consultation is closed.")
    page.get_by_role("link", name="Write summary").click()
    page.get_by_label("Official summary and response").fill(
        "We heard three priorities: agri-food, ICT services and renewable energy.")
    page.get_by_role("button", name="Publish summary").click()
    expect(page.get_by_role("region", name="Official summary and response")).to_be_visible()

    # the stakeholder hears of it on the dashboard and reads it
    switch_user(page, STAKEHOLDER, SECRET)
    activity = page.get_by_role("region", name="Recent activity")
    expect(activity).to_contain_text("published the summary of the consultation")
    activity.get_by_role("link", name=consultation.title).first.click()
    summary = page.get_by_role("region", name="Official summary and response")
    expect(summary).to_contain_text("agri-food, ICT services and renewable energy")
    expect(page.locator("main")).to_contain_text("Hidden by a moderator: Off topic")
    expect(page.locator("main")).to_contain_text("no new comments are accepted")
    assert_accessible(page)


def test_load_more_comments_appends_the_next_page_in_place(page, people):
    from consultations.models import Comment

    consultation = ConsultationFactory(owner=people.wg3_coordinator, working_group=people.wg3)
    for i in range(25):
        Comment.objects.create(consultation=consultation, author=people.marche_member,
                               body=f"Topic {i}", body_html=f"<p>Topic number {i}.</p>")
    switch_user(page, people.marche_member.email)
    page.goto(consultation.get_absolute_url())
    expect(page.locator("article.comment")).to_have_count(20)
    page.get_by_role("link", name="Load more comments").click()
    expect(page.locator("article.comment")).to_have_count(25)
    expect(page.get_by_text("Topic number 24.")).to_be_visible()
    # htmx swapped the fragment into the page: no navigation to ?page=2
    assert "page=" not in page.url
    expect(page.get_by_role("link", name="Load more comments")).to_have_count(0)
