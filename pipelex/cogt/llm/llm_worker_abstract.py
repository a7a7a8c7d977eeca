"""The LLM worker contract a plugin completes.

A plugin subclasses :class:`LLMWorkerAbstract` and implements ``_gen_text`` and ``_gen_object``; inside
them it may call :meth:`LLMWorkerAbstract.record_usage` with the provider's token counts. The public
``gen_text`` / ``gen_object`` time the call and send one report to the reporting delegate.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from pipelex.cogt.inference.inference_worker_abstract import InferenceWorkerAbstract
from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.core.validation_problems import validation_problems
from pipelex.exceptions import OutputValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass
class _Usage:
    input_tokens: int | None = None
    output_tokens: int | None = None
    retries: int = 0


_current_usage: ContextVar[_Usage | None] = ContextVar("pipelex_llm_usage", default=None)


class LLMWorkerAbstract(InferenceWorkerAbstract, ABC):
    """Generates text or objects with one model.

    Subclasses receive ``inference_model`` and ``reporting_delegate`` as keyword arguments (and may add
    their own, such as ``sdk_instance``), and implement ``_gen_text`` and ``_gen_object``.
    """

    async def gen_text(self, llm_job: LLMJob) -> str:
        """Generate text for ``llm_job``."""
        usage = _Usage()
        reset = _current_usage.set(usage)
        started = time.perf_counter()
        try:
            text = await self._gen_text(llm_job)
        finally:
            _current_usage.reset(reset)
        self._report(llm_job, usage, time.perf_counter() - started)
        return text

    async def gen_object(self, llm_job: LLMJob, schema: type[ModelT]) -> ModelT:
        """Generate an instance of ``schema`` for ``llm_job``."""
        usage = _Usage()
        reset = _current_usage.set(usage)
        started = time.perf_counter()
        try:
            result = await self._gen_object(llm_job, schema)
        finally:
            _current_usage.reset(reset)
        self._report(llm_job, usage, time.perf_counter() - started)
        if not isinstance(result, schema):
            return schema.model_validate(result.model_dump())
        return result

    def validated_object(self, schema: type[ModelT], answer: str | dict[str, object], llm_job: LLMJob) -> ModelT:
        """The model's answer (JSON text, or already-decoded data) as an instance of ``schema``.

        Raises:
            OutputValidationError: the answer does not fit ``schema``; the message lists where and why.
        """
        try:
            if isinstance(answer, str):
                return schema.model_validate_json(answer)
            return schema.model_validate(answer)
        except ValidationError as error:
            raise OutputValidationError(
                f"model `{self.inference_model.name}` answered with JSON that does not fit "
                f"`{schema.__name__}`: {validation_problems(error)}",
                pipe_code=llm_job.job_label or None,
            ) from None

    def record_usage(self, *, input_tokens: int | None, output_tokens: int | None, retries: int = 0) -> None:
        """Note the tokens and retries of the call in progress (call it from ``_gen_text`` / ``_gen_object``)."""
        usage = _current_usage.get()
        if usage is not None:
            usage.input_tokens = input_tokens
            usage.output_tokens = output_tokens
            usage.retries = retries

    def _report(self, llm_job: LLMJob, usage: _Usage, duration_s: float) -> None:
        self.report_usage(
            job_label=llm_job.job_label,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            duration_s=duration_s,
            retries=usage.retries,
        )

    @abstractmethod
    async def _gen_text(self, llm_job: LLMJob) -> str:
        """Return the model's text answer."""

    @abstractmethod
    async def _gen_object(self, llm_job: LLMJob, schema: type[BaseModel]) -> BaseModel:
        """Return the model's answer as an instance of ``schema``."""
