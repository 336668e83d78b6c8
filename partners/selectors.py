"""Read-side queries for partners; every partner list starts here."""
from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Country, Membership, Partner


def partner_directory() -> QuerySet[Partner]:
    """Active partners with their country and staff count, for the public directory."""
    return (
        Partner.objects.active()
        .select_related("country")
        .annotate(staff_count=Count("memberships", distinct=True))
        .order_by("-is_lead_partner", "country__name", "name")
    )


def partners_visible_to(user) -> QuerySet[Partner]:
    """Partner pages are public; archived partners are visible to platform admins only."""
    if user.is_authenticated and user.is_superuser:
        return Partner.objects.all()
    return Partner.objects.active()


def countries_with_partners() -> QuerySet[Country]:
    return (
        Country.objects.annotate(n=Count("partners", filter=Q(partners__is_active=True)))
        .filter(n__gt=0)
        .order_by("name")
    )


def partner_for_detail(slug: str) -> QuerySet[Partner]:
    from django.apps import apps

    WorkingGroup = apps.get_model("workgroups", "WorkingGroup")
    WorkPackage = apps.get_model("workgroups", "WorkPackage")
    return Partner.objects.active().filter(slug=slug).select_related("country").prefetch_related(
        Prefetch("working_groups", queryset=WorkingGroup.objects.order_by("code")),
        Prefetch("led_working_groups", queryset=WorkingGroup.objects.order_by("code")),
        Prefetch("led_work_packages", queryset=WorkPackage.objects.order_by("code")),
    )


def staff_of(partner) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(partner=partner, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )
