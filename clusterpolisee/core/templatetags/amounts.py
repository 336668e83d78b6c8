"""Money as each language writes it: digits grouped by the locale's separator, the currency
where the language puts it (``{{ amount|euros }}``: "EUR 5,186,352", "5.186.352 EUR")."""
from django import template
from django.utils.formats import number_format
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def euros(amount) -> str:
    if amount in (None, ""):
        return ""
    digits = number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    return pgettext("currency", "EUR %(amount)s") % {"amount": digits}
