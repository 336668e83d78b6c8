"""django-filter sets for partner lists."""
import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Partner
from .selectors import countries_with_partners


class PartnerDirectoryFilter(django_filters.FilterSet):
    country = django_filters.ModelChoiceFilter(
        queryset=countries_with_partners(), field_name="country", to_field_name="iso_code",
        label=_("Country"), empty_label=_("All countries"),
    )
    type = django_filters.ChoiceFilter(choices=Partner.Type.choices, label=_("Type"),
                                       empty_label=_("All types"))
    q = django_filters.CharFilter(method="search", label=_("Search"))

    class Meta:
        model = Partner
        fields = ["country", "type"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))
