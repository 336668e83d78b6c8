"""Services refuse with Django's ValidationError; the API answers those with 400 and the
service's own message, never a 500."""
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {field: [str(m) for e in errors for m in e.messages]
                      for field, errors in exc.error_dict.items()}
            flat = "; ".join(message for messages in detail.values() for message in messages)
            return Response({"detail": flat, "errors": detail},
                            status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": "; ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ValidationError) and not isinstance(exc.detail, dict):
        exc.detail = {"detail": exc.detail}
    return exception_handler(exc, context)
