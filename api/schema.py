"""drf-spectacular extensions: how the token authentication appears in the OpenAPI schema."""
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "cps_…",
                "description": "A personal API token created on the account page."}


def only_the_platform_api(endpoints):
    """Wagtail's admin API (/cms/api/) is the CMS's own business: leave it out of ours."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
