"""PipeBatch: run one pipe on each item of an input list; the output is the list of its outputs."""

from __future__ import annotations

from dataclasses import dataclass

from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.pipes.controllers.batching import run_batch
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass
class PipeBatch(PipeAbstract):
    branch_pipe_code: str = ""
    input_list_name: str = ""
    input_item_name: str = ""
    concurrency: int | None = None
    """Items at once; ``None``: the run's ``max_concurrency``."""

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        branch = context.get_pipe(self.branch_pipe_code)
        stuff = await run_batch(
            context,
            memory,
            branch,
            list_name=self.input_list_name,
            item_name=self.input_item_name,
            result_name=result_name,
            owner=self.code,
            concurrency=self.concurrency,
        )
        concept = self.output.concept if stuff.concept.is_a(self.output.concept) else stuff.concept
        return Stuff(result_name, concept, stuff.content, is_list=True)
