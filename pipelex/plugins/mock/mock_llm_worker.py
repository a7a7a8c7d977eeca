"""The dry-run LLM worker: no network, answers that validate against the requested schema."""

from __future__ import annotations

import asyncio
import random

from pydantic import BaseModel

from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec
from pipelex.core.mock_values import mock_instance, mock_sentence
from pipelex.reporting.reporting_protocol import ReportingProtocol


class MockLLMWorker(LLMWorkerAbstract):
    """Answers every request deterministically for a given prompt, at once or after ``latency_s``."""

    def __init__(
        self,
        *,
        inference_model: InferenceModelSpec,
        reporting_delegate: ReportingProtocol | None,
        latency_s: float = 0.0,
    ) -> None:
        super().__init__(inference_model=inference_model, reporting_delegate=reporting_delegate)
        self.latency_s = latency_s

    async def _gen_text(self, llm_job: LLMJob) -> str:
        if self.latency_s > 0:
            await asyncio.sleep(self.latency_s)
        rng = random.Random(llm_job.prompt.user_text)
        label = f" for `{llm_job.job_label}`" if llm_job.job_label else ""
        return f"[dry run: mock answer of {self.inference_model.name}{label}] {mock_sentence(rng)}"

    async def _gen_object(self, llm_job: LLMJob, schema: type[BaseModel]) -> BaseModel:
        if self.latency_s > 0:
            await asyncio.sleep(self.latency_s)
        return mock_instance(schema, seed=llm_job.prompt.user_text)
