"""Demo strategies: a draft Joint Strategic Plan (WP6, D6.1) with three chapters, comments
and two amendments (one accepted), and a Sustainability Plan in an open comment phase.
Idempotent: each document is made once, by title."""
from datetime import timedelta

from django.utils import timezone

from clusterpolisee.core.demo import DEMO_EMAIL_DOMAIN

JSP_TITLE = "Joint Strategic Plan for SEE cluster policy (demo)"
SP_TITLE = "Sustainability Plan (demo)"

JSP_CHAPTERS = [
    ("Vision", [
        "By 2020 the regions of South East Europe run cluster policies that learn from "
        "each other and are designed with the clusters they serve.",
        "Partners commit to **joint monitoring** of cluster programmes and to sharing what "
        "works through the platform.",
    ]),
    ("Priorities", [
        "Innovation and R&D-driven cluster development in every partner region.",
        "Transnational cluster cooperation, moderated by WG3.",
        "Smart specialisation strategies that name the clusters they rely on.",
    ]),
    ("Implementation", [
        "Each partner names a contact person for the plan within three months of adoption.",
        "The Steering Committee reviews progress once a year.",
    ]),
]
SP_CHAPTERS = [
    ("Keeping the platform running", [
        "The collaboration platform stays online for at least five years after the project.",
        "Partners share the hosting costs in proportion to their budgets.",
    ]),
]


def _user(key):
    from clusterpolisee.users.models import User

    return User.objects.filter(email=f"{key}@{DEMO_EMAIL_DOMAIN}").first()


def seed(ctx):
    if not ctx.with_accounts:
        return
    from workgroups.models import Deliverable, WorkPackage

    from . import services
    from .models import StrategyDocument

    editor, veneto, bsmepa = _user("marche.member"), _user("veneto.member"), _user(
        "bsmepa.member")
    wp6 = WorkPackage.objects.filter(code="WP6").first()
    d61 = Deliverable.objects.filter(code="D6.1").first()
    if not (editor and veneto and bsmepa and wp6 and d61):
        return
    if not StrategyDocument.objects.filter(title=JSP_TITLE).exists():
        jsp = services.document_create(user=editor, title=JSP_TITLE,
                                       kind=StrategyDocument.Kind.JOINT_STRATEGIC_PLAN,
                                       work_package=wp6, deliverable=d61)
        for title, paragraphs in JSP_CHAPTERS:
            services.chapter_create(document=jsp, user=editor, title=title,
                                    text="\n\n".join(paragraphs))
        services.phase_open(document=jsp, user=editor, include_stakeholders=False,
                            closes_at=timezone.now() + timedelta(days=10))
        priorities = jsp.chapters.get(position=2).paragraphs.order_by("position")
        p21, p22 = priorities[0], priorities[1]
        comment = services.paragraph_comment_post(
            paragraph=p22, user=veneto,
            body="Could the plan say how stakeholders outside the partnership join in?")
        services.paragraph_comment_post(paragraph=p22, user=editor, parent=comment,
                                        body="Good point; see the amendment proposed below.")
        services.paragraph_comment_post(paragraph=p21, user=bsmepa,
                                        body="BSMEPA can contribute the Bulgarian data.")
        accepted = services.amendment_propose(
            paragraph=p22, user=veneto, base_revision=p22.revision,
            text="Transnational cluster cooperation, moderated by WG3 and open to approved "
                 "stakeholders of the user group.",
            reason="The user group is part of the project's design.")
        services.amendment_support(amendment=accepted, user=bsmepa)
        services.amendment_accept(amendment=accepted, user=editor,
                                  reply="Accepted, thank you.")
        services.amendment_propose(
            paragraph=p21, user=bsmepa, base_revision=p21.revision,
            text="Innovation and R&D-driven cluster development, with one pilot action per "
                 "partner region.",
            reason="A measurable commitment.")
    if not StrategyDocument.objects.filter(title=SP_TITLE).exists():
        from datetime import date

        d62, _created = Deliverable.objects.get_or_create(code="D6.2", defaults={
            "work_package": wp6, "title": "Sustainability Plan", "partner": d61.partner,
            "due_date": date(2014, 10, 30)})
        plan = services.document_create(user=editor, title=SP_TITLE,
                                        kind=StrategyDocument.Kind.SUSTAINABILITY_PLAN,
                                        work_package=wp6, deliverable=d62)
        for title, paragraphs in SP_CHAPTERS:
            services.chapter_create(document=plan, user=editor, title=title,
                                    text="\n\n".join(paragraphs))
        services.phase_open(document=plan, user=editor, include_stakeholders=True,
                            closes_at=timezone.now() + timedelta(days=21))
