"""GET /api/v1/open-data.zip: the latest open-data archive, built now if there is none."""
from django.http import FileResponse
from django.views.decorators.http import require_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, permission_classes, renderer_classes
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer

from . import open_data


class ZipRenderer(BaseRenderer):
    media_type = "application/zip"
    format = "zip"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


@extend_schema(summary="Open data: CSV files of all public data, with a README",
               responses={(200, "application/zip"): OpenApiResponse(
                   OpenApiTypes.BINARY, description="A zip of CSV files and README.md.")})
@api_view(["GET"])
@permission_classes([AllowAny])
@renderer_classes([ZipRenderer])
def _open_data(request):
    response = FileResponse(open_data.latest(), content_type="application/zip",
                            as_attachment=True, filename="clusterpolisee-open-data.zip")
    response["Cache-Control"] = "public, max-age=300"
    return response


open_data_download = require_safe(_open_data)
