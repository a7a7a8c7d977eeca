"""Building the mistralai client of a backend: endpoint (``server_url``, no ``/v1``), timeout, retry budget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipelex.cogt.config_values import get_non_negative_int, get_positive_number
from pipelex.cogt.exceptions import MissingCredentialsError
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.endpoint import check_endpoint
from pipelex.exceptions import ConfigurationError
from pipelex.plugins.mistral.mistral_call import DEFAULT_MAX_RETRIES, MistralCallSettings

if TYPE_CHECKING:
    from mistralai.client import Mistral

DEFAULT_ENDPOINT = "https://api.mistral.ai"
_DEFAULT_TIMEOUT_S = 600.0
# An API key goes in an HTTP header: only visible ASCII characters (no space, no control character) are sent.
_SENDABLE_MIN, _SENDABLE_MAX = 0x21, 0x7E


@dataclass
class MistralConnection:
    """The SDK client of one backend and how to call it; ``close`` releases its HTTP connections."""

    sdk: Mistral
    settings: MistralCallSettings

    async def close(self) -> None:
        sdk: Any = self.sdk  # its context-manager methods are untyped
        await sdk.__aexit__(None, None, None)
        sdk.__exit__(None, None, None)


def server_url(backend: InferenceBackend) -> str | None:
    """The backend's ``endpoint`` as the SDK's ``server_url``: the SDK adds ``/v1/...`` itself, so a
    trailing ``/v1`` written out of habit (OpenAI-style) is dropped rather than doubled.

    Raises:
        ConfigurationError: the endpoint is not an http(s) URL.
    """
    endpoint = check_endpoint(backend.name, backend.endpoint)
    if endpoint is None:
        return None
    endpoint = endpoint.rstrip("/")
    return endpoint.removesuffix("/v1") if endpoint.endswith("/v1") else endpoint


def checked_api_key(backend: InferenceBackend, model_name: str | None) -> str:
    """The backend's key, when it is set and can be sent in an HTTP header.

    Raises:
        MissingCredentialsError: the key is unset or unsendable (the message never shows it).
    """
    api_key = backend.api_key
    what = f"to call `{model_name}`" if model_name else "to list its models"
    if not api_key:
        names = backend.missing_env_vars.get("api_key", ())
        hint = f"set {' and '.join(names)} in the environment or in .env" if names else "set `api_key` in backends.toml"
        raise MissingCredentialsError(
            f"backend `{backend.name}` needs an API key {what}: {hint}", provider=backend.name, model=model_name
        )
    if not all(_SENDABLE_MIN <= ord(char) <= _SENDABLE_MAX for char in api_key):
        raise MissingCredentialsError(
            f"the API key of backend `{backend.name}` contains characters that cannot be sent (spaces, line breaks "
            "or non-ASCII characters): check `api_key` in backends.toml and the variable it names",
            provider=backend.name,
            model=model_name,
        )
    return api_key


def build_connection(backend: InferenceBackend, api_key: str) -> MistralConnection:
    """A client for ``backend`` (no SDK retries: :mod:`pipelex.plugins.mistral.mistral_call` retries).

    Raises:
        ConfigurationError: the endpoint, ``max_retries`` or ``timeout_s`` cannot be used.
    """
    from mistralai.client import Mistral

    url = server_url(backend)
    where = f"backend `{backend.name}`"
    max_retries = get_non_negative_int(backend.extra_config, "max_retries", where)
    timeout_s = get_positive_number(backend.extra_config, "timeout_s", where)
    try:
        sdk = Mistral(
            api_key=api_key,
            server_url=url,
            timeout_ms=round(1000 * (_DEFAULT_TIMEOUT_S if timeout_s is None else timeout_s)),
        )
    except Exception as error:
        raise ConfigurationError(
            f"the mistralai SDK refused the settings of backend `{backend.name}` ({type(error).__name__}): "
            "check its `endpoint` and `timeout_s` in backends.toml"
        ) from None
    settings = MistralCallSettings(
        endpoint=url or DEFAULT_ENDPOINT,
        api_key=api_key,
        max_retries=DEFAULT_MAX_RETRIES if max_retries is None else max_retries,
    )
    return MistralConnection(sdk=sdk, settings=settings)
