"""The dry-run LLM worker: no network, answers that validate against the requested schema."""

from __future__ import annotations

import random
from typing import Any

from pydantic import BaseModel

from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.llm.llm_worker_abstract import LLMWorkerAbstract

_WORDS = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
    "et dolore magna aliqua"
).split()


def mock_sentence(rng: random.Random, words: int = 8) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


class MockLLMWorker(LLMWorkerAbstract):
    """Answers every request at once, deterministically for a given prompt."""

    async def _gen_text(self, llm_job: LLMJob) -> str:
        rng = random.Random(llm_job.prompt.user_text)
        label = f" for `{llm_job.job_label}`" if llm_job.job_label else ""
        return f"[dry run: mock answer of {self.inference_model.name}{label}] {mock_sentence(rng)}"

    async def _gen_object(self, llm_job: LLMJob, schema: type[BaseModel]) -> BaseModel:
        from polyfactory.factories.pydantic_factory import ModelFactory

        rng = random.Random(llm_job.prompt.user_text)

        class _Factory(ModelFactory[Any]):
            __model__ = schema
            __random__ = rng
            __allow_none_optionals__ = False
            __check_model__ = False

            @classmethod
            def get_provider_map(cls) -> dict[Any, Any]:
                providers = super().get_provider_map()
                providers[str] = lambda: mock_sentence(rng, 4)
                return providers

        built: BaseModel = _Factory.build()
        return built
