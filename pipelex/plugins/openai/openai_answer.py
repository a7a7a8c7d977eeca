"""Reading a chat completion defensively: the SDK builds it without validation, so any shape can arrive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class MalformedAnswerError(ValueError):
    """The provider's answer is not shaped like a chat completion; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class ChatAnswer:
    """The parts of a chat completion pipelex uses.

    Attributes:
        content: the text of the first choice (``None`` when the model wrote none).
        refusal: the model's refusal message, if it refused.
        finish_reason: why the model stopped (``stop``, ``length``, ``content_filter``...), if said.
        input_tokens: prompt tokens, when the provider reports them.
        output_tokens: completion tokens, when the provider reports them.
        retries: how many times the SDK retried the request.
    """

    content: str | None
    refusal: str | None
    finish_reason: str | None
    input_tokens: int | None
    output_tokens: int | None
    retries: int = 0


def read_chat_answer(response: object) -> ChatAnswer:
    """The first choice of ``response`` and its token usage.

    Raises:
        MalformedAnswerError: ``response`` has no choices, or its first choice has no message.
    """
    from openai.types.chat import ChatCompletion, ChatCompletionMessage

    if not isinstance(response, ChatCompletion):
        raise MalformedAnswerError("its body is not a JSON object")
    choices: Any = getattr(response, "choices", None)
    if not isinstance(choices, list):
        raise MalformedAnswerError("it has no `choices` list")
    if not choices:
        raise MalformedAnswerError("its `choices` list is empty")
    message = getattr(choices[0], "message", None)
    if not isinstance(message, ChatCompletionMessage):
        raise MalformedAnswerError("its first choice has no `message` object")
    content = getattr(message, "content", None)
    if content is not None and not isinstance(content, str):
        raise MalformedAnswerError("the `content` of its message is not text")
    usage = getattr(response, "usage", None)
    return ChatAnswer(
        content=content,
        refusal=_text_or_none(getattr(message, "refusal", None)),
        finish_reason=_text_or_none(getattr(choices[0], "finish_reason", None)),
        input_tokens=_count_or_none(getattr(usage, "prompt_tokens", None)),
        output_tokens=_count_or_none(getattr(usage, "completion_tokens", None)),
    )


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _count_or_none(value: object) -> int | None:
    """A token count, or ``None`` (unknown) when the provider gave none or something that is not a count."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
