"""Demo content for the public site and the good-practice library.

Every practice is marked "(demo)" in its title and says so in its summary; a few are
partners-only. Idempotent: pages are looked up by slug and never overwritten.
"""
import datetime
from decimal import Decimal

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from partners.models import Partner
from workgroups.models import OperationalStage, WorkingGroup

from .models import (
    ArticleIndexPage,
    ArticlePage,
    GoodPracticePage,
    InstrumentType,
    Menu,
    MenuItem,
    StandardPage,
    Theme,
)
from .site import ensure_site_tree

THEMES = ["Innovation vouchers", "Cluster management excellence", "Internationalisation",
          "Green economy", "Access to finance", "Smart specialisation", "Skills and training",
          "Research-industry cooperation"]
INSTRUMENTS = ["Grant scheme", "Voucher scheme", "Network or platform", "Advisory service",
               "Financial instrument", "Strategy or regulation"]

# slug, partner slug, WGs, stage, themes, instrument, visibility, lat, lon, start year,
# title, summary, evidence, lessons, transfer potential
PRACTICES = [
    ("marche-innovation-vouchers", "marche-region", ["WG1"], 2,
     ["Innovation vouchers", "Research-industry cooperation"], "Voucher scheme", "public",
     "43.61667", "13.51667", 2009,
     "Marche innovation vouchers for cluster SMEs (demo)",
     "Small vouchers let cluster SMEs buy their first R&D service from a university lab. "
     "Demo content.",
     "412 vouchers in three calls; 38% of firms went on to a second, self-funded project.",
     "Paperwork was too heavy in the first call; a one-page application fixed it.",
     "A list of accredited labs and a regional budget line of about EUR 1 million."),
    ("veneto-green-district-pact", "veneto-region", ["WG2"], 2,
     ["Green economy"], "Strategy or regulation", "public", "45.43861", "12.32667", 2010,
     "Veneto green district pact (demo)",
     "Firms of a furniture district commit to shared waste and energy targets in return "
     "for simpler permits. Demo content.",
     "Energy use per unit of output down 14% in four years among the 60 signatories.",
     "Targets must be set with the firms, not for them.",
     "A district body that firms trust, and an environment office willing to fast-track."),
    ("bsmepa-cluster-matchmaking-days", "bsmepa", ["WG3"], 1,
     ["Internationalisation"], "Network or platform", "public", "42.69751", "23.32415", 2011,
     "Transnational cluster matchmaking days (demo)",
     "Two-day brokerage events where cluster managers from SEE meet partners abroad, "
     "prepared with online profiles. Demo content.",
     "96 bilateral meetings per event on average; 21 cooperation agreements signed.",
     "Meetings without pre-matched profiles produced little; preparation is everything.",
     "A moderator per event and a shared profile database."),
    ("aws-cluster-financing-guarantees", "aws", ["WG4"], 2,
     ["Access to finance"], "Financial instrument", "public", "48.20817", "16.37382", 2008,
     "Guarantees for joint cluster investments (demo)",
     "A public guarantee covers half the risk of loans taken jointly by cluster members "
     "for shared equipment. Demo content.",
     "EUR 24 million of loans guaranteed; default rate under 2%.",
     "Banks needed training to assess joint projects.",
     "A national promotional bank or guarantee fund."),
    ("central-macedonia-s3-discovery", "central-macedonia", ["WG5"], 1,
     ["Smart specialisation"], "Strategy or regulation", "public", "40.64010", "22.94441", 2012,
     "Entrepreneurial discovery workshops for smart specialisation (demo)",
     "Sector workshops where firms, researchers and officials choose the region's "
     "specialisation priorities together. Demo content.",
     "Eight priorities agreed by 300 participants and adopted in the regional strategy.",
     "Keep the workshops small and the agenda concrete.",
     "A neutral facilitator and data on the regional economy."),
    ("maribor-skills-academy", "maribor-development-agency", ["WG6"], 2,
     ["Skills and training"], "Advisory service", "public", "46.55465", "15.64588", 2011,
     "Cluster skills academy (demo)",
     "Cluster members design short courses for the skills they cannot hire, taught by "
     "their own senior staff. Demo content.",
     "540 people trained; 70 new jobs filled from course graduates.",
     "Firms share trainers only when they do not compete for the same staff.",
     "A cluster with a training coordinator and a small co-financing pot."),
    ("corallia-cluster-management-excellence", "corallia", ["WG1", "WG3"], 2,
     ["Cluster management excellence"], "Advisory service", "public", "37.98381", "23.72754",
     2010,
     "Benchmarking cluster management (demo)",
     "Cluster organisations are benchmarked against European quality labels and coached "
     "to improve. Demo content.",
     "Five clusters reached the bronze label, two the silver.",
     "Benchmarking only helps when followed by coaching.",
     "Access to the European benchmarking methodology and trained assessors."),
    ("istria-green-tourism-cluster", "istrian-development-agency", ["WG2", "WG5"], 2,
     ["Green economy", "Smart specialisation"], "Grant scheme", "public", "45.23917",
     "13.93611", 2009,
     "Green tourism cluster grants (demo)",
     "Grants for joint projects of hotels, farms and transport firms that lower the "
     "footprint of tourism. Demo content.",
     "32 joint projects; certified eco-accommodation up from 4 to 41.",
     "Small firms needed help writing applications.",
     "A tourism board that can broker partnerships."),
    ("pannon-cross-border-network", "pannon-business-network", ["WG3"], 1,
     ["Internationalisation"], "Network or platform", "partners", "47.23071", "16.62181", 2012,
     "Cross-border cluster network, internal evaluation (demo)",
     "Internal evaluation of a cross-border network of automotive suppliers, shared with "
     "partners only. Demo content.",
     "Suppliers joined two cross-border tenders; one won.",
     "Language barriers slowed the first year.",
     "A bilingual network manager."),
    ("north-east-rda-cluster-finance-lab", "north-east-rda", ["WG4"], 1,
     ["Access to finance"], "Advisory service", "partners", "46.92748", "26.37089", 2013,
     "Cluster finance lab, draft results (demo)",
     "Draft results of a lab that helps clusters prepare bankable investment projects; "
     "partners only until the evaluation is final. Demo content.",
     "Nine projects prepared; three financed so far.",
     "Clusters lacked financial skills in-house.",
     "Financial advisers who know the cluster's sector."),
    ("trnava-vocational-partnership", "trnava-region", ["WG6"], 2,
     ["Skills and training", "Research-industry cooperation"], "Grant scheme", "public",
     "48.37741", "17.58723", 2010,
     "Dual vocational training with automotive clusters (demo)",
     "Schools and cluster firms run apprenticeships together, co-funded by the region. "
     "Demo content.",
     "800 apprentices; 85% hired by the training firm.",
     "Small firms needed a shared training centre.",
     "A regional education office able to change curricula."),
    ("emilia-romagna-technopoles", "emilia-romagna-region", ["WG1", "WG5"], 2,
     ["Research-industry cooperation", "Smart specialisation"], "Network or platform",
     "public", "44.49489", "11.34262", 2008,
     "Regional network of technopoles (demo)",
     "Ten technopoles host university labs open to cluster firms, each tied to a "
     "specialisation priority. Demo content.",
     "1,200 contracts with firms in five years.",
     "Labs must have staff whose job is to talk to firms.",
     "Universities willing to place applied labs in shared buildings."),
    ("union-slovak-clusters-policy-dialogue", "union-slovak-clusters", ["WG3", "WG4"], 1,
     ["Cluster management excellence"], "Strategy or regulation", "partners", "48.14816",
     "17.10674", 2012,
     "National cluster policy dialogue, notes (demo)",
     "Notes from a structured dialogue between the ministry and cluster organisations on "
     "a national cluster programme; partners only. Demo content.",
     "A draft programme was agreed in six meetings.",
     "The ministry changed its contact person twice.",
     "A national cluster association that speaks for its members."),
]


def _site_pages(home):
    if not StandardPage.objects.filter(slug="about").exists():
        home.add_child(instance=StandardPage(
            title="About the project", slug="about",
            introduction="Smarter Cluster Policies for South East Europe (ClusterPoliSEE), "
                         "SEE/C/0008/1.3/X, 2012-05-01 to 2014-10-30, co-funded by the ERDF.",
            body=[("paragraph", RichText("<p>25 partners from 11 countries raise their capacity to "
                                "design and run effective cluster policies through "
                                "transnational learning, six thematic working groups and "
                                "pilot actions. Total budget EUR 5,186,352.</p>"))],
            show_in_menus=True))
    if not StandardPage.objects.filter(slug="contact").exists():
        home.add_child(instance=StandardPage(
            title="Contact", slug="contact",
            introduction="The lead partner, the Marche Region (Ancona, Italy), coordinates "
                         "the project.",
            body=[("paragraph", RichText("<p>Write to the partner in your country; the partner "
                                "directory lists them all.</p>"))],
            show_in_menus=True))
    news = ArticleIndexPage.objects.first()
    if news is None:
        news = home.add_child(instance=ArticleIndexPage(title="News", slug="news",
                                                        show_in_menus=True))
    if not ArticlePage.objects.filter(slug="library-opens").exists():
        news.add_child(instance=ArticlePage(
            title="The good-practice library opens (demo)", slug="library-opens",
            date=datetime.date(2013, 3, 1),
            introduction="Partners can now submit good practices for review. Demo content."))


# The default menus: (label, page slug or path) per language. Bulgarian labels point to
# the same pages, so Bulgarian readers see Bulgarian labels before the pages are translated.
MENUS = {
    Menu.Slot.MAIN: {
        "en": ("Main menu", [("About", "about"), ("News", "news"),
                             ("Good practices library", "/library/"),
                             ("Partners directory", "/partners/"), ("Contact", "contact")]),
        "bg": ("Главно меню", [("За проекта", "about"), ("Новини", "news"),
                               ("Библиотека с добри практики", "/library/"),
                               ("Указател на партньорите", "/partners/"),
                               ("Контакт", "contact")]),
    },
    Menu.Slot.FOOTER: {
        "en": ("Footer links", [("About", "about"), ("Contact", "contact"),
                                ("Open data (JSON)", "/library/export.json")]),
        "bg": ("Връзки в долния колонтитул", [("За проекта", "about"), ("Контакт", "contact"),
                                              ("Отворени данни (JSON)",
                                               "/library/export.json")]),
    },
}


def _menus(home):
    """Create each menu once; a menu that exists (even emptied by an editor) is left alone."""
    english = None
    for slot, languages in MENUS.items():
        for language, (title, entries) in languages.items():
            locale = Locale.objects.get(language_code=language)
            if Menu.objects.filter(slot=slot, locale=locale).exists():
                continue
            menu = Menu(slot=slot, title=title, locale=locale)
            if language != "en" and english is not None:
                menu.translation_key = english.translation_key
            for label, target in entries:
                if target.startswith("/"):
                    menu.items.add(MenuItem(label=label, link_url=target))
                    continue
                page = Page.objects.filter(slug=target, depth=home.depth + 1,
                                           locale=home.locale).first()
                if page is not None:
                    menu.items.add(MenuItem(label=label, link_page=page))
            menu.full_clean()
            menu.save()
            if language == "en":
                english = menu
        english = None


def seed(ctx):
    home, library = ensure_site_tree()
    _site_pages(home)
    _menus(home)
    themes = {name: Theme.objects.get_or_create(
        name=name, defaults={"slug": name.lower().replace(" ", "-")})[0] for name in THEMES}
    instruments = {name: InstrumentType.objects.get_or_create(
        name=name, defaults={"slug": name.lower().replace(" ", "-")})[0]
        for name in INSTRUMENTS}
    for (slug, partner_slug, wgs, stage, theme_names, instrument, visibility, lat, lon, year,
         title, summary, evidence, lessons, transfer) in PRACTICES:
        if GoodPracticePage.objects.filter(slug=slug).exists():
            continue
        partner = Partner.objects.filter(slug=partner_slug).select_related("country").first()
        if partner is None:
            continue
        page = GoodPracticePage(
            title=title, slug=slug, summary=summary, visibility=visibility,
            description=f"{summary}\n\nThis is demonstration content for the platform.",
            partner=partner, country=partner.country, region=partner.city or "",
            stage=OperationalStage.objects.filter(number=stage).first(),
            instrument_type=instruments[instrument],
            start_date=datetime.date(year, 1, 1), evidence=evidence,
            indicators="Firms taking part\nFollow-up projects", lessons=lessons,
            transfer_potential=transfer, contact_name=f"{partner.label} contact (demo)",
            latitude=Decimal(lat), longitude=Decimal(lon),
        )
        page.working_groups.set(list(WorkingGroup.objects.filter(code__in=wgs)))
        page.themes.set([themes[name] for name in theme_names])
        library.add_child(instance=page)
        page.save_revision().publish()
