"""One call to the Mistral API with pipelex's retries: the one retry layer for this provider.

The mistralai SDK retries nothing unless given a ``RetryConfig``, and the plugin gives it none: retries live
here, so they can be counted in the run report. 429 and 5xx answers, timeouts and failed connections are
retried ``max_retries`` times (backend extra, default 2), waiting what ``Retry-After`` (or
``retry-after-ms``) says, else an exponential backoff.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.plugins.mistral.mistral_errors import NOT_AN_ANSWER, bad_answer, status_error, transport_error, where

ResultT = TypeVar("ResultT")
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
DEFAULT_MAX_RETRIES = 2
_FIRST_DELAY_S = 0.5
_MAX_DELAY_S = 30.0


@dataclass(frozen=True, slots=True)
class MistralCallSettings:
    """Where and how to call: the endpoint shown in messages, the key to keep out of them, the retry budget."""

    endpoint: str
    api_key: str | None
    max_retries: int = DEFAULT_MAX_RETRIES


@dataclass(frozen=True, slots=True)
class CallResult(Generic[ResultT]):
    value: ResultT
    retries: int


async def call_mistral(
    call: Callable[[], Awaitable[ResultT]], spec: InferenceModelSpec, settings: MistralCallSettings
) -> CallResult[ResultT]:
    """Run ``call``, retrying transient failures; every failure left is a :class:`ProviderError`."""
    from mistralai.client import errors

    retries = 0
    while True:
        try:
            return CallResult(await call(), retries)
        except errors.MistralError as error:
            status = error.status_code
            if status < 400:  # a 2xx answer the SDK could not read (ResponseValidationError)
                raise bad_answer(spec, NOT_AN_ANSWER, status=status) from None
            if status not in RETRIED_STATUSES or retries >= settings.max_retries:
                raise status_error(status, error.body, spec, settings.api_key, retries=retries) from None
            asked = _retry_after(error.headers)
            delay = asked if asked is not None else _backoff(retries)
        except Exception as error:
            if not _is_transport_error(error):
                raise ProviderError(
                    f"the call to the provider failed unexpectedly: {type(error).__name__} ({where(spec)})",
                    provider=spec.backend_name,
                    model=spec.name,
                ) from None
            if retries >= settings.max_retries:
                raise transport_error(error, spec, settings.endpoint, retries=retries) from None
            delay = _backoff(retries)
        retries += 1
        await asyncio.sleep(delay)


def _is_transport_error(error: Exception) -> bool:
    import httpx2
    from mistralai.client import errors

    return isinstance(error, httpx2.TransportError | errors.NoResponseError)


def _backoff(retries: int) -> float:
    return float(min(_FIRST_DELAY_S * 2**retries, _MAX_DELAY_S))


def _retry_after(headers: Any) -> float | None:
    """The wait the provider asks for, in seconds (capped), if it says one."""
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name) if headers is not None else None
        try:
            seconds = float(value) / scale if value is not None else None
        except ValueError:
            seconds = None
        if seconds is not None and seconds >= 0:
            return min(seconds, _MAX_DELAY_S)
    return None
