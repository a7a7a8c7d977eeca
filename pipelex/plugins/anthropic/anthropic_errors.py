"""Mapping anthropic SDK exceptions to pipelex's provider errors (status, provider, model; never the key).

Anthropic's error bodies are ``{"type": "error", "error": {"type": "rate_limit_error", "message": ...}}``.
The error ``type`` decides when the HTTP status cannot: an error event in the middle of a stream arrives
with the stream's 200 status.
"""

from __future__ import annotations

from pipelex.cogt.exceptions import (
    ContextTooLongError,
    ProviderAuthError,
    ProviderBadRequestError,
    ProviderError,
    ProviderRateLimitError,
    ProviderServerError,
    ProviderTimeoutError,
)
from pipelex.cogt.model_backends.endpoint import redact_url
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec

OVERLOADED_STATUS = 529
_STATUS_OF_TYPE = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "api_error": 500,
    "overloaded_error": OVERLOADED_STATUS,
}
_CONTEXT_HINTS = ("prompt is too long", "context window", "context length", "too many tokens")


def where(spec: InferenceModelSpec) -> str:
    return f"backend `{spec.backend_name}`, model `{spec.name}`"


def provider_error(error: Exception, spec: InferenceModelSpec, endpoint: str, secret: str) -> ProviderError:
    """The :class:`ProviderError` subclass saying what went wrong with a call to ``spec`` at ``endpoint``.

    ``secret`` (the API key) is masked should the provider's message echo it.
    """
    mapped = _mapped(error, spec, endpoint)
    if secret and secret in str(mapped):
        return type(mapped)(
            str(mapped).replace(secret, "***"), provider=mapped.provider, model=mapped.model, status=mapped.status
        )
    return mapped


def _mapped(error: Exception, spec: InferenceModelSpec, endpoint: str) -> ProviderError:
    import anthropic

    shown_endpoint = redact_url(endpoint)
    if isinstance(error, anthropic.APITimeoutError):
        return _make(ProviderTimeoutError, f"the provider at {shown_endpoint} did not answer in time", spec, None)
    if isinstance(error, anthropic.APIConnectionError):
        return _make(ProviderTimeoutError, f"could not connect to the provider at {shown_endpoint}", spec, None)
    if isinstance(error, anthropic.APIStatusError):
        return _status_error(error, spec)
    if isinstance(error, anthropic.APIResponseValidationError):
        return _make(ProviderError, "the provider answered with something that is not a message", spec, None)
    return _make(ProviderError, f"unexpected answer from the provider: {type(error).__name__}", spec, None)


def _status_error(error: Exception, spec: InferenceModelSpec) -> ProviderError:  # noqa: PLR0911
    error_type, message = _error_body(error)
    http_status: int | None = getattr(error, "status_code", None)
    status = _STATUS_OF_TYPE.get(error_type or "", http_status) if http_status in (None, 200) else http_status
    if status == 401:
        return _make(ProviderAuthError, "the provider rejected the API key (authentication failed)", spec, status)
    if status == 403:
        return _make(ProviderAuthError, "the API key is not allowed to use this model", spec, status)
    if status == 404:
        text = f"the provider does not know the model id `{spec.model_id}` (or the endpoint is wrong)"
        return _make(ProviderBadRequestError, text, spec, status)
    if status == 429:
        return _make(ProviderRateLimitError, "rate limited by the provider; try again later", spec, status)
    if status == OVERLOADED_STATUS:
        return _make(ProviderServerError, "the provider is overloaded (HTTP 529); try again later", spec, status)
    if status == 413 or (status == 400 and any(hint in message.lower() for hint in _CONTEXT_HINTS)):
        text = f"the prompt is too long for the model's context window: {message}"
        return _make(ContextTooLongError, text, spec, status)
    if status is not None and 400 <= status < 500:
        return _make(ProviderBadRequestError, f"the provider refused the request: {message}", spec, status)
    return _make(ProviderServerError, f"the provider failed with HTTP {status}: {message}", spec, status)


def _make(kind: type[ProviderError], summary: str, spec: InferenceModelSpec, status: int | None) -> ProviderError:
    return kind(f"{summary} ({where(spec)})", provider=spec.backend_name, model=spec.name, status=status)


def _error_body(error: Exception) -> tuple[str | None, str]:
    """The ``error.type`` and ``error.message`` of an Anthropic error body, as far as they can be read."""
    body = getattr(error, "body", None)
    inner = body.get("error", body) if isinstance(body, dict) else None
    if isinstance(inner, dict):
        error_type = inner.get("type") if isinstance(inner.get("type"), str) else None
        message = inner.get("message")
        if isinstance(message, str) and message:
            return error_type, message
        return error_type, error_type or type(error).__name__
    return None, type(error).__name__
