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
    response = exception_handler(exc, context)
    if isinstance(exc, exceptions.ValidationError) and response is not None:
        # one shape for every error: a sentence in "detail", the fields' messages in "errors"
        errors = exc.detail if isinstance(exc.detail, dict) else {"detail": exc.detail}
        errors = {field: [str(m) for m in (messages if isinstance(messages, list)
                                           else [messages])]
                  for field, messages in errors.items()}
        response.data = {"detail": "; ".join(f"{field}: {message}"
                                              for field, messages in errors.items()
                                              for message in messages),
                         "errors": errors}
    return response
