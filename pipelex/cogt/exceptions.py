"""Errors of the inference layer: configuration, model deck, workers and providers.

Provider errors carry provider, model and status, never a key::

    InferenceError
    ├── MissingCredentialsError      a backend's key (or setting) is not set
    └── ProviderError                a provider answered with an error or did not answer
        ├── ProviderAuthError        401/403: the key is rejected or may not use the model
        ├── ProviderRateLimitError   429, after the retries
        ├── ContextTooLongError      the prompt exceeds the context window
        ├── ContentPolicyError       the content policy blocked the request or answer
        ├── ProviderBadRequestError  400/404/422: the request is refused
        ├── ProviderServerError      5xx, after the retries
        └── ProviderTimeoutError     no answer in time, or the provider could not be reached
"""

from __future__ import annotations

from pipelex.exceptions import ConfigurationError, InferenceError, PipelexError


class ModelDeckNotFoundError(ConfigurationError):
    """The model deck files are missing."""


class ModelsManagerError(ConfigurationError):
    """The models could not be assembled from backends, routing and deck."""


class LLMHandleNotFoundError(PipelexError):
    """A model, alias or preset named by a pipe is not in the model deck."""


class LLMPresetNotFoundError(LLMHandleNotFoundError):
    """A preset named with the ``$`` sigil is not in the model deck."""


class MissingCredentialsError(InferenceError):
    """A backend needs a key (or another setting) that is not set."""


class ProviderError(InferenceError):
    """A provider answered with an error or did not answer."""


class ProviderAuthError(ProviderError):
    """The provider rejected the key, or the key may not use the model (401, 403)."""


class ProviderRateLimitError(ProviderError):
    """The provider rate-limited the call (429), still after the retries."""


class ContextTooLongError(ProviderError):
    """The prompt (with the requested output) exceeds the model's context window."""


class ContentPolicyError(ProviderError):
    """The provider's content policy blocked the request or the answer."""


class ProviderBadRequestError(ProviderError):
    """The provider refused the request as malformed or unsupported (400, 404, 422)."""


class ProviderServerError(ProviderError):
    """The provider failed (5xx), still after the retries."""


class ProviderTimeoutError(ProviderError):
    """The provider did not answer in time, or could not be reached."""


class ModelListingUnsupportedError(PipelexError):
    """Raised by a model lister whose client variant cannot enumerate models; a soft outcome.

    Args:
        sdk: the SDK whose listing is unsupported.
    """

    def __init__(self, sdk: str) -> None:
        super().__init__(f"listing models is not supported for the sdk `{sdk}`")
        self.sdk = sdk
