"""Mapping openai SDK exceptions to pipelex's provider errors (status, provider, model; never the key)."""

from __future__ import annotations

from pipelex.cogt.exceptions import (
    ContentPolicyError,
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

NOT_A_COMPLETION = "the provider answered with something that is not a chat completion"


def provider_error(error: Exception, spec: InferenceModelSpec, endpoint: str) -> ProviderError:
    """A :class:`ProviderError` saying what went wrong with a call to ``spec`` at ``endpoint``."""
    status: int | None = getattr(error, "status_code", None)
    return _error_type(error)(
        f"{_summary(error, spec, redact_url(endpoint))} ({where(spec)})",
        provider=spec.backend_name,
        model=spec.name,
        status=status,
    )


def not_a_completion(spec: InferenceModelSpec, status: int | None, detail: str) -> ProviderError:
    """A :class:`ProviderError` for an answer that cannot be read as a chat completion."""
    shown_status = f"HTTP {status}, " if status is not None else ""
    return ProviderError(
        f"{NOT_A_COMPLETION}: {detail} ({shown_status}{where(spec)})",
        provider=spec.backend_name,
        model=spec.name,
        status=status,
    )


def _error_type(error: Exception) -> type[ProviderError]:  # noqa: PLR0911
    """The kind of failure, so callers can tell a bad key from a rate limit from a long prompt."""
    import openai

    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return ProviderAuthError
    if isinstance(error, openai.RateLimitError):
        return ProviderRateLimitError
    if isinstance(error, openai.APITimeoutError):
        return ProviderTimeoutError
    if isinstance(error, openai.BadRequestError):
        message = _provider_message(error).lower()
        code = str(getattr(error, "code", "") or "")
        if code == "context_length_exceeded" or "context length" in message or "too many tokens" in message:
            return ContextTooLongError
        if code == "content_policy_violation" or "content policy" in message or "content_filter" in message:
            return ContentPolicyError
        return ProviderBadRequestError
    if isinstance(error, openai.APIConnectionError):
        return ProviderServerError
    if isinstance(error, openai.APIStatusError) and error.status_code >= 500:
        return ProviderServerError
    return ProviderError


def where(spec: InferenceModelSpec) -> str:
    return f"backend `{spec.backend_name}`, model `{spec.name}`"


def _summary(error: Exception, spec: InferenceModelSpec, endpoint: str) -> str:  # noqa: PLR0911
    import openai

    if isinstance(error, openai.AuthenticationError):
        return "the provider rejected the API key (authentication failed)"
    if isinstance(error, openai.PermissionDeniedError):
        return "the API key is not allowed to use this model"
    if isinstance(error, openai.RateLimitError):
        return "rate limited by the provider; try again later"
    if isinstance(error, openai.NotFoundError):
        return f"the provider does not know the model id `{spec.model_id}` (or the endpoint is wrong)"
    if isinstance(error, openai.BadRequestError):
        return f"the provider refused the request: {_provider_message(error)}"
    if isinstance(error, openai.APITimeoutError):
        return f"the provider at {endpoint} did not answer in time"
    if isinstance(error, openai.APIConnectionError):
        return f"could not connect to the provider at {endpoint}"
    if isinstance(error, openai.APIStatusError):
        return f"the provider failed with HTTP {error.status_code}: {_provider_message(error)}"
    if isinstance(error, openai.APIResponseValidationError):
        return NOT_A_COMPLETION
    return f"unexpected answer from the provider: {type(error).__name__}"


def _provider_message(error: Exception) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
    message = getattr(error, "message", None)
    return str(message) if message else type(error).__name__
