"""What every SDK-backed plugin reads from its backend before building a client: the key and the tuning.

Retries live in one layer, the provider SDK's (``max_retries``, default 2: 408/409/429/5xx, honouring
``Retry-After``); pipelex does not retry a failed call on top of it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from pipelex.cogt.config_values import get_non_negative_int, get_positive_number
from pipelex.cogt.exceptions import MissingCredentialsError
from pipelex.cogt.model_backends.backend import InferenceBackend
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec

DEFAULT_MAX_RETRIES = 2
DEFAULT_TIMEOUT_S = 600.0
# An API key goes in an HTTP header: only visible ASCII characters (no space, no control character) are sent.
_SENDABLE_MIN, _SENDABLE_MAX = 0x21, 0x7E


@dataclass(frozen=True, slots=True)
class ClientTuning:
    """The SDK client's retry count and per-call timeout."""

    max_retries: int
    timeout_s: float


def client_tuning(backend: InferenceBackend) -> ClientTuning:
    """``max_retries`` and ``timeout_s`` of ``backend`` (its provider extras), or the defaults.

    Raises:
        ConfigurationError: a value is not a usable number.
    """
    where = f"backend `{backend.name}`"
    max_retries = get_non_negative_int(backend.extra_config, "max_retries", where)
    timeout = get_positive_number(backend.extra_config, "timeout_s", where)
    return ClientTuning(
        max_retries=DEFAULT_MAX_RETRIES if max_retries is None else max_retries,
        timeout_s=DEFAULT_TIMEOUT_S if timeout is None else timeout,
    )


def checked_api_key(backend: InferenceBackend, inference_model: InferenceModelSpec) -> str:
    """The backend's key, when it is set and can be sent in an HTTP header.

    Raises:
        MissingCredentialsError: the key is unset, or holds spaces, line breaks or non-ASCII characters
            (the message never shows the key or any part of it).
    """
    api_key = backend.api_key
    if not api_key:
        names = backend.missing_env_vars.get("api_key", ())
        where = (
            f"set {' and '.join(names)} in the environment or in .env" if names else "set `api_key` in backends.toml"
        )
        raise MissingCredentialsError(
            f"backend `{backend.name}` needs an API key to call `{inference_model.name}`: {where}",
            provider=backend.name,
            model=inference_model.name,
        )
    if not all(_SENDABLE_MIN <= ord(char) <= _SENDABLE_MAX for char in api_key):
        raise MissingCredentialsError(
            f"the API key of backend `{backend.name}` contains characters that cannot be sent (spaces, line breaks "
            "or non-ASCII characters, often from a copy and paste): check `api_key` in backends.toml and the "
            "variable it names",
            provider=backend.name,
            model=inference_model.name,
        )
    return api_key


def listing_api_key(backend: InferenceBackend, backend_name: str) -> str:
    """The backend's key for listing its models.

    Raises:
        MissingCredentialsError: the backend has no key.
    """
    if not backend.api_key:
        names = " and ".join(backend.missing_env_vars.get("api_key", ())) or "`api_key`"
        raise MissingCredentialsError(f"backend `{backend_name}` needs an API key to list its models: set {names}")
    return backend.api_key


def print_model_ids(
    ids: list[str], *, sdk: str, backend_name: str, endpoint: str, flat: bool, any_listed: bool
) -> None:
    """What every model lister prints: a heading and one id per line, or ``backend<TAB>id`` lines when ``flat``."""
    if any_listed and not flat:
        sys.stdout.write("\n")
    if not flat:
        sys.stdout.write(f"{backend_name} ({sdk}): {len(ids)} models at {endpoint}\n")
    for model_id in ids:
        sys.stdout.write(f"{backend_name}\t{model_id}\n" if flat else f"  {model_id}\n")
