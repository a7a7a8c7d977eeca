"""Mapping openai SDK exceptions to pipelex's provider errors (status, provider, model; never the key)."""

from __future__ import annotations

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec


def provider_error(error: Exception, spec: InferenceModelSpec, endpoint: str) -> ProviderError:
    """A :class:`ProviderError` saying what went wrong with a call to ``spec`` at ``endpoint``."""
    import openai

    where = f"backend `{spec.backend_name}`, model `{spec.name}`"
    status: int | None = getattr(error, "status_code", None)
    if isinstance(error, openai.AuthenticationError):
        summary = "the provider rejected the API key (authentication failed)"
    elif isinstance(error, openai.PermissionDeniedError):
        summary = "the API key is not allowed to use this model"
    elif isinstance(error, openai.RateLimitError):
        summary = "rate limited by the provider; try again later"
    elif isinstance(error, openai.NotFoundError):
        summary = f"the provider does not know the model id `{spec.model_id}` (or the endpoint is wrong)"
    elif isinstance(error, openai.BadRequestError):
        summary = f"the provider refused the request: {_provider_message(error)}"
    elif isinstance(error, openai.APITimeoutError):
        summary = f"the provider at {endpoint} did not answer in time"
    elif isinstance(error, openai.APIConnectionError):
        summary = f"could not connect to the provider at {endpoint}"
    elif isinstance(error, openai.APIStatusError):
        summary = f"the provider failed with HTTP {error.status_code}: {_provider_message(error)}"
    else:
        summary = f"unexpected answer from the provider: {type(error).__name__}"
    return ProviderError(f"{summary} ({where})", provider=spec.backend_name, model=spec.name, status=status)


def _provider_message(error: Exception) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return str(inner["message"])
    message = getattr(error, "message", None)
    return str(message) if message else type(error).__name__
