"""The dry-run LLM worker: no network, answers that validate against the requested schema."""

from __future__ import annotations

import random

from pydantic import BaseModel

from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract
from pipelex.core.mock_values import mock_instance, mock_sentence


class MockLLMWorker(LLMWorkerAbstract):
    """Answers every request at once, deterministically for a given prompt."""

    async def _gen_text(self, llm_job: LLMJob) -> str:
        rng = random.Random(llm_job.prompt.user_text)
        label = f" for `{llm_job.job_label}`" if llm_job.job_label else ""
        return f"[dry run: mock answer of {self.inference_model.name}{label}] {mock_sentence(rng)}"

    async def _gen_object(self, llm_job: LLMJob, schema: type[BaseModel]) -> BaseModel:
        return mock_instance(schema, seed=llm_job.prompt.user_text)
