"""LLM worker speaking OpenAI's chat completions API (also any OpenAI-compatible endpoint)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.exceptions import OutputValidationError
from pipelex.plugins.openai.openai_errors import provider_error
from pipelex.plugins.openai.openai_schema import strict_json_schema
from pipelex.reporting.reporting_protocol import ReportingProtocol

if TYPE_CHECKING:
    from openai import AsyncOpenAI


class OpenAILLMWorker(LLMWorkerAbstract):
    """Text through plain chat completions; objects through ``response_format: json_schema`` (strict)."""

    def __init__(
        self,
        *,
        sdk_instance: AsyncOpenAI,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.client = sdk_instance

    async def _gen_text(self, llm_job: LLMJob) -> str:
        return await self._complete(llm_job, response_format=None)

    async def _gen_object(self, llm_job: LLMJob, schema: type[BaseModel]) -> BaseModel:
        response_format = {
            "type": "json_schema",
            "json_schema": {
                "name": schema.__name__[:64],
                "schema": strict_json_schema(schema.model_json_schema()),
                "strict": True,
            },
        }
        content = await self._complete(llm_job, response_format=response_format)
        try:
            return schema.model_validate_json(content)
        except ValidationError as error:
            problems = "; ".join(
                f"`{'.'.join(str(part) for part in item['loc']) or '<root>'}`: {item['msg']}"
                for item in error.errors()[:5]
            )
            raise OutputValidationError(
                f"model `{self.inference_model.name}` answered with JSON that does not fit "
                f"`{schema.__name__}`: {problems}",
                pipe_code=llm_job.job_label or None,
            ) from None

    async def _complete(self, llm_job: LLMJob, response_format: dict[str, Any] | None) -> str:
        import openai

        arguments: dict[str, Any] = {"model": self.inference_model.model_id, "messages": _messages(llm_job)}
        settings = llm_job.settings
        if settings.temperature is not None:
            arguments["temperature"] = settings.temperature
        if settings.max_tokens is not None:
            arguments["max_completion_tokens"] = settings.max_tokens
        if settings.reasoning_effort is not None:
            arguments["reasoning_effort"] = settings.reasoning_effort
        if response_format is not None:
            arguments["response_format"] = response_format
        try:
            response = await self.client.chat.completions.create(**arguments)
        except openai.OpenAIError as error:
            raise provider_error(error, self.inference_model, str(self.client.base_url)) from None
        if response.usage is not None:
            self.record_usage(input_tokens=response.usage.prompt_tokens, output_tokens=response.usage.completion_tokens)
        if not response.choices:
            raise self._bad_answer("the answer has no choices")
        choice = response.choices[0]
        refusal = getattr(choice.message, "refusal", None)
        if refusal:
            raise self._bad_answer(f"the model refused: {refusal}")
        if choice.message.content is None:
            raise self._bad_answer(f"the answer has no content (finish reason: {choice.finish_reason})")
        return str(choice.message.content)

    def _bad_answer(self, detail: str) -> ProviderError:
        spec = self.inference_model
        return ProviderError(
            f"{detail} (backend `{spec.backend_name}`, model `{spec.name}`)",
            provider=spec.backend_name,
            model=spec.name,
        )


def _messages(llm_job: LLMJob) -> list[dict[str, Any]]:
    prompt = llm_job.prompt
    messages: list[dict[str, Any]] = []
    if prompt.system_text:
        messages.append({"role": "system", "content": prompt.system_text})
    if prompt.user_images:
        parts: list[dict[str, Any]] = [{"type": "text", "text": prompt.user_text}]
        parts.extend({"type": "image_url", "image_url": {"url": url}} for url in prompt.user_images)
        messages.append({"role": "user", "content": parts})
    else:
        messages.append({"role": "user", "content": prompt.user_text})
    return messages
