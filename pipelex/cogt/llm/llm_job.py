"""An LLM request: the prompt and the call settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelex.cogt.llm.llm_setting import LLMSettings


@dataclass(frozen=True, slots=True)
class LLMPrompt:
    """What the model reads.

    Attributes:
        user_text: the user message.
        system_text: the system message, if any.
        user_images: images sent with the user message, as URLs or ``data:`` URLs.
    """

    user_text: str
    system_text: str | None = None
    user_images: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LLMJob:
    """One call to make: prompt, settings, and a label for reports (usually the pipe code)."""

    prompt: LLMPrompt
    settings: LLMSettings = field(default_factory=LLMSettings)
    job_label: str = ""
