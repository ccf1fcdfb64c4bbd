"""Domain errors raised by services; views and API turn them into Italian messages, never a 500."""

from django.core.exceptions import PermissionDenied, ValidationError

from common.concurrency import ConflictError

__all__ = ["ConflictError", "PermissionDenied", "ValidationError", "error_messages"]


def error_messages(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}
