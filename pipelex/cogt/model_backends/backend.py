"""The configuration record of one inference backend (a provider endpoint and its credentials)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class InferenceBackend(BaseModel):
    """One entry of ``backends.toml``, with ``${VAR}`` values already resolved.

    Attributes:
        name: the backend's name, e.g. ``openai``.
        enabled: whether its models can be routed to.
        endpoint: the base URL handed to its SDK, if set.
        api_key: the resolved key, if set. Never printed, logged or saved.
        extra_config: every other key of its table (provider extras such as ``api_version``).
        missing_env_vars: for each key whose value referenced unset ``${VAR}`` names, those names.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    enabled: bool = True
    endpoint: str | None = None
    api_key: str | None = Field(default=None, repr=False)
    extra_config: dict[str, Any] = Field(default_factory=dict)
    missing_env_vars: dict[str, tuple[str, ...]] = Field(default_factory=dict)

    @property
    def max_concurrency(self) -> int | None:
        """At most this many calls to the backend at once (``max_concurrency`` in its table), if bounded."""
        value = self.extra_config.get("max_concurrency")
        return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
