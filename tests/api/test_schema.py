"""The OpenAPI 3 schema: served, valid, every field described; docs served from our origin."""
import pytest
import yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_openapi_3_and_lists_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for endpoint in ("countries", "partners", "working-groups", "work-packages",
                     "deliverables", "events", "practices", "consultations", "opportunities",
                     "profiles", "pilot-actions", "notifications", "documents"):
        assert f"/api/v1/{endpoint}/" in paths
        assert f"/api/v1/{endpoint}/{{id}}/" in paths
    assert "/api/v1/open-data.zip" in paths
    assert "/api/v1/consultations/{id}/comments/" in paths
    assert "apiToken" in schema["components"]["securitySchemes"]


def _undescribed(schema):
    components = schema["components"]["schemas"]
    missing = []
    for name, component in components.items():
        if name.startswith("Paginated") or "properties" not in component:
            continue
        for field, spec in component["properties"].items():
            if not spec.get("description"):
                missing.append(f"{name}.{field}")
    return missing


def test_every_field_of_every_component_is_described(schema):
    assert _undescribed(schema) == []


def test_every_query_parameter_is_described(schema):
    missing = [f"{path} {method} {p['name']}"
               for path, operations in schema["paths"].items()
               for method, operation in operations.items()
               for p in operation.get("parameters", [])
               if not p.get("description")]
    assert missing == []


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "//unpkg" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
