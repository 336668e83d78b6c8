"""Content-Security-Policy (django-csp) with one policy for the product's pages and a
wider one for the two back offices.

The product's own pages carry no inline script or style and load nothing from another
origin, so their policy allows only this origin. Wagtail's editor and Django's admin are
third-party pages with inline styles and scripts we do not control; under their prefixes
the policy also allows inline code (still this origin only, no framing, no plugins).
"""
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

BACK_OFFICE_PREFIXES = ("/cms/", "/django-admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.config is None and request.path.startswith(BACK_OFFICE_PREFIXES):
            parts.config = settings.CONTENT_SECURITY_POLICY_BACK_OFFICE["DIRECTIVES"]
        return parts
