"""The cluster-policy assessment in the browser: the platform admin (password + TOTP) opens
a round; Marche's member drafts (autosave and the save button), its admin submits; the WG3
coordinator assigns BSMEPA as reviewer; BSMEPA reviews; Marche answers; the coordinator
validates; the comparison shows Marche's radar against the median; the report prints and
downloads as a PDF; Marche asks to learn from BSMEPA, which accepts, and the pair shows on
the dashboard. A CMS editor copies a framework in use into a new version in /cms/.
axe-core on every page of ours; screenshots at 1280 and 390 px of the form, the comparison
and the heatmap."""
import re

import pytest
from playwright.sync_api import expect

from assessments.models import Answer, Assessment, Criterion, Round
from tests.assessments.conftest import fill, validated_assessment
from tests.browser.conftest import ARTIFACTS, assert_accessible, log_in, switch_to, totp_code
from tests.factories import PASSWORD, PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # tests.factories.with_totp


def shots(page, name):
    """Full-page screenshots at 1280 and 390 px wide; no sideways scrolling at 390."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"assessments-{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / f"assessments-{name}-390.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 390 px"


def as_user(page, email):
    switch_to(page, email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_round_self_assessment_peer_review_comparison_and_learning_pair(page, people):
    from assessments.framework_data import framework_load_default

    framework_load_default()
    # the admin logs in with the password and a TOTP code, and opens the round
    log_in(page, "root@example.org", "correct-horse-battery-staple")
    page.get_by_label("Code").fill(totp_code(TOTP_SECRET))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    page.goto("/assessments/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Mid-term 2013")
    page.get_by_label("Framework").select_option(label="ClusterPoliSEE cluster-policy "
                                                       "framework v1")
    page.get_by_label("Deadline").fill("2031-06-30T17:00")
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mid-term 2013")
    round_ = Round.objects.get(title="Mid-term 2013")
    # other regions' validated scores give the median and a partner to learn from
    validated_assessment(round_, people.bsmepa, {code: 5 for code in (
        "rdi", "sustainability", "internationalisation", "financing", "specialisation",
        "skills", "governance", "monitoring")})
    for index in range(6):
        validated_assessment(round_, PartnerFactory(short_name=f"Region {index}"),
                             {"financing": 1 + index % 5, "rdi": 5 - index % 4})

    # Marche's member drafts: the first criterion through the form
    as_user(page, "member@marche.example.org")
    page.goto(round_.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("button", name="Start your partner's self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Self-assessment of Marche")
    assessment = Assessment.objects.get(round=round_, partner=people.marche)
    first = Criterion.objects.filter(dimension__framework=round_.framework).order_by(
        "dimension__position", "position").first()
    prefix = f"c{first.pk}"
    page.locator(f"#id_{prefix}-score_1").check()  # score 2
    expect(page.locator(f"#status-{first.pk}")).to_contain_text("Draft saved")  # autosave
    page.locator(f"#id_{prefix}-evidence").fill("Regional innovation programme reports")
    page.locator(f"#id_{prefix}-past_actions").fill("Cluster calls 2008–2011")
    page.locator(f"#id_{prefix}-current_state").fill("One call a year, no evaluation")
    page.locator(f"#id_{prefix}-vision").fill("A multi-year programme with clusters")
    page.locator(f"#criterion-{first.pk}").get_by_role("button",
                                                        name="Save this criterion").click()
    expect(page.get_by_text(f"Saved “{first.title}”.")).to_be_visible()
    assert Answer.objects.get(assessment=assessment, criterion=first).vision
    assert_accessible(page)
    shots(page, "self-assessment-form")
    # the other 23 criteria are filled the same way; the test fills them directly
    fill(assessment, people.marche_member, score=2)

    # its admin submits
    as_user(page, "admin@marche.example.org")
    page.goto(assessment.get_absolute_url())
    page.get_by_role("button", name="Submit for peer review").click()
    expect(page.get_by_text("The self-assessment is submitted for peer review.")).to_be_visible()

    # the WG3 coordinator assigns BSMEPA's member as reviewer
    as_user(page, "wg3@bsmepa.example.org")
    page.goto(assessment.get_absolute_url())
    assert_accessible(page)
    page.get_by_label("Reviewer").select_option(label="BSMEPA – Petar Ivanov")
    page.get_by_role("button", name="Assign as reviewer").click()
    expect(page.get_by_text("Petar Ivanov reviews this self-assessment.")).to_be_visible()

    # BSMEPA reviews the first criterion and proposes another score
    as_user(page, "member@bsmepa.example.org")
    page.goto(assessment.get_absolute_url())
    assert_accessible(page)
    block = page.locator(f"#criterion-{first.pk}")
    block.get_by_label("Review comment").fill("The 2011 evaluation shows more than this.")
    block.get_by_label("Proposed score").select_option("3")
    block.get_by_role("button", name="Save review comment").click()
    expect(page.get_by_text("Review comment saved.")).to_be_visible()

    # Marche answers
    as_user(page, "member@marche.example.org")
    page.goto(assessment.get_absolute_url())
    block = page.locator(f"#criterion-{first.pk}")
    block.get_by_label("Your answer to the reviewers").fill("Agreed, see annex B.")
    block.get_by_role("button", name="Save your answer").click()
    expect(page.get_by_text("Your answer is saved.")).to_be_visible()

    # the coordinator validates (the reviewer's proposal is preselected)
    as_user(page, "wg3@bsmepa.example.org")
    page.goto(assessment.get_absolute_url())
    expect(page.locator(f"#final-{first.pk}")).to_have_value("3")
    page.get_by_role("button", name="Validate the final scores").click()
    expect(page.get_by_text("The final scores are validated.")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.VALIDATED

    # the comparison shows Marche's radar against the median
    as_user(page, "member@marche.example.org")
    page.goto(f"/assessments/rounds/{round_.pk}/compare/")
    expect(page.get_by_role("heading", name="Marche against the median of all partners")
           ).to_be_visible()
    expect(page.locator("svg[role=img] .radar-region polygon")).to_have_count(1)
    expect(page.locator("svg[role=img] .radar-median polygon")).to_have_count(1)
    assert_accessible(page)
    page.get_by_label("Compare with a peer").select_option(label="BSMEPA")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("svg[role=img] .radar-peer polygon")).to_have_count(1)
    shots(page, "comparison")
    page.goto(f"/assessments/rounds/{round_.pk}/heatmap/")
    assert_accessible(page)
    shots(page, "heatmap")

    # the report: printable (the button comes from a static script, no inline handler)
    # and as a PDF
    page.goto(f"/assessments/{assessment.pk}/report/")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename == (
        "assessment-marche-region-mid-term-2013.pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # Marche's admin asks to learn from BSMEPA; BSMEPA's admin accepts
    as_user(page, "admin@marche.example.org")
    page.goto(f"/assessments/rounds/{round_.pk}/learning/")
    assert_accessible(page)
    page.get_by_role("button", name="Ask to learn from BSMEPA").first.click()
    expect(page.get_by_text("Your request was sent to BSMEPA.")).to_be_visible()
    as_user(page, "wg3@bsmepa.example.org")
    expect(page.get_by_role("heading", name="Learning pairs")).to_be_visible()
    page.goto(f"/assessments/rounds/{round_.pk}/learning/")
    assert_accessible(page)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Your answer is recorded.")).to_be_visible()
    as_user(page, "member@marche.example.org")
    expect(page.get_by_text(re.compile("Marche learns from BSMEPA on"))).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def editor_page(browser, live_server, people):
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, "editor@example.org", PASSWORD)
    page.get_by_label("Code").fill(totp_code(TOTP_SECRET))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    yield page
    context.close()


def test_an_editor_copies_a_framework_in_use_into_a_new_version_in_the_cms(editor_page):
    from datetime import timedelta

    from django.utils import timezone

    from assessments.framework_data import framework_load_default
    from assessments.models import Framework

    framework = framework_load_default()
    Round.objects.create(title="Baseline 2012", framework=framework,
                         deadline=timezone.now() + timedelta(days=3))
    page = editor_page
    page.goto(f"/cms/assessments/frameworks/edit/{framework.pk}/")
    expect(page.locator(".messages")).to_contain_text("cannot change while in use")
    page.goto(f"/cms/assessments/frameworks/new-version/{framework.pk}/")
    assert_accessible(page)
    page.locator("main").get_by_role("button", name="Make a new version").click()
    copy = Framework.objects.get(name=framework.name, version=2)
    page.wait_for_url(f"**/cms/assessments/frameworks/edit/{copy.pk}/")
    page.get_by_label("Description [en]").fill("Version 2: wording of the financing criteria")
    page.locator("main").get_by_role("button", name="Save").first.click()
    expect(page.locator(".messages")).to_contain_text("updated")
    copy.refresh_from_db()
    assert copy.description.startswith("Version 2")
