"""LLM worker speaking Mistral's chat completions API through the mistralai SDK."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel

from pipelex.cogt.exceptions import ProviderBadRequestError
from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.exceptions import OutputValidationError
from pipelex.plugins.mistral.mistral_call import call_mistral
from pipelex.plugins.mistral.mistral_client import MistralConnection
from pipelex.plugins.mistral.mistral_errors import bad_answer, where
from pipelex.plugins.mistral.mistral_schema import response_format_for
from pipelex.reporting.reporting_protocol import ReportingProtocol

_log = logging.getLogger("pipelex.mistral")
_CUT_SHORT = ("length", "model_length")


class MistralLLMWorker(LLMWorkerAbstract):
    """Text through chat completions; objects through ``response_format: json_schema`` (strict), validated
    with the pydantic model."""

    def __init__(
        self,
        *,
        sdk_instance: MistralConnection,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.connection = sdk_instance

    async def _gen_text(self, llm_job: LLMJob) -> str:
        return await self._complete(llm_job, response_format=None)

    async def _gen_object(self, llm_job: LLMJob, schema: type[BaseModel]) -> BaseModel:
        content = await self._complete(llm_job, response_format=response_format_for(schema))
        return self.validated_object(schema, content, llm_job)

    async def _complete(self, llm_job: LLMJob, response_format: dict[str, Any] | None) -> str:
        spec = self.inference_model
        arguments = self._arguments(llm_job, response_format)
        chat = self.connection.sdk.chat
        result = await call_mistral(lambda: chat.complete_async(**arguments), spec, self.connection.settings)
        response = result.value
        usage = response.usage
        self.record_usage(
            input_tokens=usage.prompt_tokens if usage is not None else None,
            output_tokens=usage.completion_tokens if usage is not None else None,
            retries=result.retries,
        )
        if not response.choices:
            raise bad_answer(spec, "the answer has no choices")
        choice = response.choices[0]
        finish_reason = str(choice.finish_reason) if choice.finish_reason is not None else None
        content = _text_of(choice.message.content if choice.message is not None else None)
        if finish_reason == "error":
            raise bad_answer(spec, "the provider stopped the answer with an error (finish reason `error`)")
        if finish_reason in _CUT_SHORT:
            self._cut_short(llm_job, fatal=response_format is not None or not content)
        if not content:
            raise bad_answer(spec, f"the answer has no content (finish reason `{finish_reason}`)")
        return content

    def _arguments(self, llm_job: LLMJob, response_format: dict[str, Any] | None) -> dict[str, Any]:
        spec = self.inference_model
        prompt = llm_job.prompt
        if prompt.user_images and "images" not in spec.inputs:
            raise ProviderBadRequestError(
                f"model `{spec.name}` does not read images, and the prompt has {len(prompt.user_images)} "
                f"({where(spec)}): use a model whose `inputs` include `images`",
                provider=spec.backend_name,
                model=spec.name,
            )
        messages: list[dict[str, Any]] = []
        if prompt.system_text:
            messages.append({"role": "system", "content": prompt.system_text})
        if prompt.user_images:
            parts: list[dict[str, Any]] = [{"type": "text", "text": prompt.user_text}]
            parts.extend({"type": "image_url", "image_url": url} for url in prompt.user_images)
            messages.append({"role": "user", "content": parts})
        else:
            messages.append({"role": "user", "content": prompt.user_text})
        arguments: dict[str, Any] = {"model": spec.model_id, "messages": messages}
        settings = llm_job.settings
        if settings.temperature is not None:
            arguments["temperature"] = settings.temperature
        if settings.max_tokens is not None:
            arguments["max_tokens"] = settings.max_tokens
        if settings.reasoning_effort is not None:
            arguments["reasoning_effort"] = settings.reasoning_effort
        if response_format is not None:
            arguments["response_format"] = response_format
        return arguments

    def _cut_short(self, llm_job: LLMJob, *, fatal: bool) -> None:
        spec = self.inference_model
        if llm_job.settings.max_tokens is not None:
            hint = f"`max_tokens` is {llm_job.settings.max_tokens}: raise it in the pipe's `model` settings"
        else:
            hint = "no `max_tokens` is set, so the model's own limit applies: ask for a shorter answer"
        what = "structured answer" if fatal else "answer"
        message = f"the {what} of model `{spec.name}` was cut short by the token limit; {hint}"
        if fatal:
            raise OutputValidationError(message, pipe_code=llm_job.job_label or None)
        _log.warning("%s; the truncated text is kept", message)


def _text_of(content: Any) -> str | None:
    """The text of an assistant message: a string, or the text chunks of a list (thinking chunks left out)."""
    if content is None or isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = [getattr(chunk, "text", None) for chunk in content if getattr(chunk, "type", None) == "text"]
        return "".join(text for text in texts if isinstance(text, str))
    return None
