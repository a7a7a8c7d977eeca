"""LLM worker speaking Anthropic's Messages API: text, structured output through a forced tool, images.

A call whose ``max_tokens`` exceeds :data:`STREAM_ABOVE_MAX_TOKENS` streams (server-sent events, gathered
into the final message by the SDK); a shorter one is a single JSON response. The SDK refuses long
non-streaming calls, and the kit's Claude specs allow 32k-64k output tokens, so streaming is the usual path.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pipelex.cogt.exceptions import ContentPolicyError, ProviderError
from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.exceptions import OutputValidationError
from pipelex.plugins.anthropic.anthropic_answer import MalformedMessageError, MessageAnswer, read_message
from pipelex.plugins.anthropic.anthropic_errors import provider_error, where
from pipelex.plugins.anthropic.anthropic_request import (
    STREAM_ABOVE_MAX_TOKENS,
    max_tokens_for,
    message_arguments,
    output_tool,
)
from pipelex.reporting.reporting_protocol import ReportingProtocol

if TYPE_CHECKING:
    from anthropic import AsyncAnthropic

_log = logging.getLogger("pipelex.anthropic")


class AnthropicLLMWorker(LLMWorkerAbstract):
    """Text from the text blocks of a message; objects from the ``input`` of a forced tool call."""

    def __init__(
        self,
        *,
        sdk_instance: AsyncAnthropic,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.client = sdk_instance

    async def _gen_text(self, llm_job: LLMJob) -> str:
        answer = await self._call(llm_job, message_arguments(self.inference_model, llm_job))
        self._check_stop(answer, llm_job, structured=False)
        if answer.text is None:
            raise self._bad_answer(f"the answer has no text (stop reason `{answer.stop_reason}`)")
        return answer.text

    async def _gen_object(self, llm_job: LLMJob, schema: type[BaseModel]) -> BaseModel:
        tool = output_tool(schema)
        answer = await self._call(llm_job, message_arguments(self.inference_model, llm_job, tool))
        self._check_stop(answer, llm_job, structured=True)
        if answer.tool_input is None:
            raise self._bad_answer(f"the model did not call the tool `{tool['name']}` that carries the answer")
        return self.validated_object(schema, answer.tool_input, llm_job)

    async def _call(self, llm_job: LLMJob, arguments: dict[str, Any]) -> MessageAnswer:
        """Send the call (streamed when long), record its usage, and read the message."""
        import anthropic

        spec = self.inference_model
        streamed = max_tokens_for(spec, llm_job) > STREAM_ABOVE_MAX_TOKENS
        try:
            message, retries = await (self._streamed(arguments) if streamed else self._single(arguments))
        except anthropic.AnthropicError as error:
            raise provider_error(error, spec, str(self.client.base_url), self.client.api_key or "") from None
        except (MalformedMessageError, json.JSONDecodeError, ValueError) as error:
            raise self._bad_answer(f"the provider answered with something that is not a message ({error})") from None
        except Exception as error:
            raise self._bad_answer(f"the call to the provider failed unexpectedly: {type(error).__name__}") from None
        try:
            answer = read_message(message)
        except MalformedMessageError as error:
            raise self._bad_answer(f"the provider answered with something that is not a message: {error}") from None
        self.record_usage(input_tokens=answer.input_tokens, output_tokens=answer.output_tokens, retries=retries)
        return answer

    async def _single(self, arguments: dict[str, Any]) -> tuple[object, int]:
        raw = await self.client.messages.with_raw_response.create(**arguments)
        retries = getattr(raw, "retries_taken", 0)
        return await raw.parse(), retries if isinstance(retries, int) else 0

    async def _streamed(self, arguments: dict[str, Any]) -> tuple[object, int]:
        async with self.client.messages.stream(**arguments) as stream:
            message = await stream.get_final_message()
            retry_count = stream.response.request.headers.get("x-stainless-retry-count", "0")
        return message, int(retry_count) if retry_count.isdigit() else 0

    def _check_stop(self, answer: MessageAnswer, llm_job: LLMJob, *, structured: bool) -> None:
        if answer.stop_reason == "refusal":
            spec = self.inference_model
            raise ContentPolicyError(
                f"the model refused to answer (stop reason `refusal`) ({where(spec)})",
                provider=spec.backend_name,
                model=spec.name,
            )
        if answer.stop_reason in ("max_tokens", "model_context_window_exceeded"):
            missing = answer.tool_input is None if structured else answer.text is None
            self._cut_short(llm_job, answer.stop_reason, fatal=structured or missing)

    def _cut_short(self, llm_job: LLMJob, stop_reason: str, *, fatal: bool) -> None:
        """Say that the answer stopped at the token limit: an error when fatal, else a warning."""
        spec = self.inference_model
        what = "structured answer" if fatal else "answer"
        sent = max_tokens_for(spec, llm_job)
        hint = (
            f"`max_tokens` is {sent}: raise it in the pipe's `model` settings"
            if stop_reason == "max_tokens"
            else "the context window is full: shorten the prompt"
        )
        message = f"the {what} of model `{spec.name}` was cut short (stop reason `{stop_reason}`); {hint}"
        if fatal:
            raise OutputValidationError(message, pipe_code=llm_job.job_label or None)
        label = f"pipe `{llm_job.job_label}`: " if llm_job.job_label else ""
        _log.warning("%s%s; the truncated text is kept", label, message)

    def _bad_answer(self, detail: str) -> ProviderError:
        spec = self.inference_model
        return ProviderError(f"{detail} ({where(spec)})", provider=spec.backend_name, model=spec.name)
