"""Errors of the inference layer: configuration, model deck, workers and providers."""

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


class ModelListingUnsupportedError(PipelexError):
    """Raised by a model lister whose client variant cannot enumerate models; a soft outcome.

    Args:
        sdk: the SDK whose listing is unsupported.
    """

    def __init__(self, sdk: str) -> None:
        super().__init__(f"listing models is not supported for the sdk `{sdk}`")
        self.sdk = sdk
