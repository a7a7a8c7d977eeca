"""Mapping mistralai SDK failures to pipelex's provider errors (provider, model, status; never the key)."""

from __future__ import annotations

import json
import re

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

NOT_AN_ANSWER = "the provider answered with something that is not a valid response"
_CONTEXT_TOO_LONG = re.compile(r"too (large|long)|context (length|window)|maximum context|prompt is too", re.IGNORECASE)
_MAX_SHOWN = 300


def where(spec: InferenceModelSpec) -> str:
    return f"backend `{spec.backend_name}`, model `{spec.name}`"


def provider_message(body: str | None, api_key: str | None) -> str:
    """The provider's own explanation from an error body (JSON ``message`` or ``detail``), key removed."""
    text = (body or "").strip()
    try:
        parsed = json.loads(text) if text else None
    except json.JSONDecodeError:
        parsed = None
    if isinstance(parsed, dict):
        inner = parsed.get("error", parsed)
        inner = inner if isinstance(inner, dict) else parsed
        found = inner.get("message", inner.get("detail"))
        text = found if isinstance(found, str) else json.dumps(found) if found is not None else text
    if api_key:
        text = text.replace(api_key, "***")
    text = " ".join(text.split())
    return text[:_MAX_SHOWN] + ("…" if len(text) > _MAX_SHOWN else "") if text else "no explanation given"


def status_error(
    status: int, body: str | None, spec: InferenceModelSpec, api_key: str | None, *, retries: int = 0
) -> ProviderError:
    """The :class:`ProviderError` subclass for an HTTP error ``status`` of the provider."""
    detail = provider_message(body, api_key)
    after = f" (after {retries} retries)" if retries else ""
    kind: type[ProviderError]
    if status in (401, 403):
        kind = ProviderAuthError
        summary = (
            "the provider rejected the API key (authentication failed)"
            if status == 401
            else "the API key is not allowed to use this model"
        )
    elif status == 429:
        kind, summary = ProviderRateLimitError, f"rate limited by the provider{after}; try again later"
    elif status in (400, 413, 422) and _CONTEXT_TOO_LONG.search(detail):
        kind, summary = ContextTooLongError, f"the prompt is too long for the model: {detail}"
    elif status == 404:
        kind = ProviderBadRequestError
        summary = f"the provider does not know the model id `{spec.model_id}` (or the endpoint is wrong): {detail}"
    elif 400 <= status < 500:
        kind, summary = ProviderBadRequestError, f"the provider refused the request: {detail}"
    else:
        kind, summary = ProviderServerError, f"the provider failed with HTTP {status}{after}: {detail}"
    return kind(f"{summary} ({where(spec)})", provider=spec.backend_name, model=spec.name, status=status)


def transport_error(error: Exception, spec: InferenceModelSpec, endpoint: str, *, retries: int = 0) -> ProviderError:
    """The error for a call that got no HTTP answer: a timeout, or a connection that failed."""
    import httpx2

    shown = redact_url(endpoint)
    after = f" (after {retries} retries)" if retries else ""
    if isinstance(error, httpx2.TimeoutException):
        summary = f"the provider at {shown} did not answer in time{after}"
    else:
        summary = f"could not connect to the provider at {shown}{after} ({type(error).__name__})"
    return ProviderTimeoutError(f"{summary} ({where(spec)})", provider=spec.backend_name, model=spec.name)


def bad_answer(spec: InferenceModelSpec, detail: str, status: int | None = None) -> ProviderError:
    """An answer that came back but cannot be used."""
    return ProviderError(f"{detail} ({where(spec)})", provider=spec.backend_name, model=spec.name, status=status)
