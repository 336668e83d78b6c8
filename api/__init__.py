"""The REST API (Django REST framework) at /api/v1/, its OpenAPI schema, personal API
tokens and the open-data download. Every queryset comes from the owning app's selectors
and every write from its services: this app adds serializers and transport only."""
