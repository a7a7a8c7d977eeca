"""LLM worker speaking OpenAI's chat completions API (also any OpenAI-compatible endpoint)."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pipelex.cogt.exceptions import ProviderError
from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.exceptions import OutputValidationError
from pipelex.plugins.openai.openai_answer import ChatAnswer, MalformedAnswerError, read_chat_answer
from pipelex.plugins.openai.openai_errors import not_a_completion, provider_error, where
from pipelex.plugins.openai.openai_schema import strict_json_schema
from pipelex.reporting.reporting_protocol import ReportingProtocol

if TYPE_CHECKING:
    from openai import AsyncOpenAI

_log = logging.getLogger("pipelex.openai")


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
        return self.validated_object(schema, content, llm_job)

    async def _complete(self, llm_job: LLMJob, response_format: dict[str, Any] | None) -> str:
        answer = await self._ask(_arguments(self.inference_model, llm_job, response_format))
        self.record_usage(input_tokens=answer.input_tokens, output_tokens=answer.output_tokens, retries=answer.retries)
        return self._content(answer, llm_job, structured=response_format is not None)

    async def _ask(self, arguments: dict[str, Any]) -> ChatAnswer:
        """Call the API; every failure, and every answer that is not a chat completion, is a ProviderError."""
        import openai

        spec = self.inference_model
        try:
            raw = await self.client.chat.completions.with_raw_response.create(**arguments)
        except openai.OpenAIError as error:
            raise provider_error(error, spec, str(self.client.base_url)) from None
        except Exception as error:
            raise ProviderError(
                f"the call to the provider failed unexpectedly: {type(error).__name__} ({where(spec)})",
                provider=spec.backend_name,
                model=spec.name,
            ) from None
        status = raw.http_response.status_code
        try:
            return replace(read_chat_answer(raw.parse()), retries=_retries_taken(raw))
        except MalformedAnswerError as error:
            raise not_a_completion(spec, status, str(error)) from None
        except json.JSONDecodeError:
            raise not_a_completion(spec, status, "its body is not JSON") from None
        except Exception as error:
            raise not_a_completion(spec, status, f"it could not be read ({type(error).__name__})") from None

    def _content(self, answer: ChatAnswer, llm_job: LLMJob, *, structured: bool) -> str:
        if answer.finish_reason == "content_filter":
            raise self._bad_answer("the provider's content policy blocked the answer (finish reason `content_filter`)")
        if answer.refusal:
            raise self._bad_answer(f"the model refused: {answer.refusal}")
        if answer.finish_reason == "length":
            self._cut_short(llm_job, fatal=structured or answer.content is None)
        if answer.content is None:
            reason = f" (finish reason `{answer.finish_reason}`)" if answer.finish_reason else ""
            raise self._bad_answer(f"the answer has no content{reason}")
        return answer.content

    def _cut_short(self, llm_job: LLMJob, *, fatal: bool) -> None:
        """Say that the answer stopped at the token limit: an error when fatal, else a warning."""
        spec = self.inference_model
        what = "structured answer" if fatal else "answer"
        if llm_job.settings.max_tokens is not None:
            hint = f"`max_tokens` is {llm_job.settings.max_tokens}: raise it in the pipe's `model` settings"
        else:
            own = f" ({spec.max_tokens} tokens)" if spec.max_tokens else ""
            hint = f"no `max_tokens` is set, so the model's own limit{own} applies: ask for a shorter answer"
        message = f"the {what} of model `{spec.name}` was cut short by the token limit (finish reason `length`); {hint}"
        if fatal:
            raise OutputValidationError(message, pipe_code=llm_job.job_label or None)
        label = f"pipe `{llm_job.job_label}`: " if llm_job.job_label else ""
        _log.warning("%s%s; the truncated text is kept", label, message)

    def _bad_answer(self, detail: str) -> ProviderError:
        spec = self.inference_model
        return ProviderError(f"{detail} ({where(spec)})", provider=spec.backend_name, model=spec.name)


def _retries_taken(raw: object) -> int:
    retries = getattr(raw, "retries_taken", 0)
    return retries if isinstance(retries, int) else 0


def _arguments(spec: InferenceModelSpec, llm_job: LLMJob, response_format: dict[str, Any] | None) -> dict[str, Any]:
    arguments: dict[str, Any] = {"model": spec.model_id, "messages": _messages(llm_job)}
    settings = llm_job.settings
    if settings.temperature is not None and "fixed_temperature" not in spec.constraints:
        arguments["temperature"] = settings.temperature
    if settings.max_tokens is not None:
        arguments["max_completion_tokens"] = settings.max_tokens
    if settings.reasoning_effort is not None:
        arguments["reasoning_effort"] = settings.reasoning_effort
    if response_format is not None:
        arguments["response_format"] = response_format
    return arguments


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
