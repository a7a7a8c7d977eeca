"""PipeParallel: run branches concurrently, each on its own copy of working memory.

With ``add_each_output`` (the default) each branch's result is also left in working memory. The output
is ``combined_output`` built from the branch results: a structured concept gets one field per result;
a text concept (and the default) gets each result as a block named after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from pipelex.core.concepts import Concept, ContentKind
from pipelex.core.stuff import Content, Stuff
from pipelex.core.validation_problems import validation_problems
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipeRunError
from pipelex.pipes.controllers.batching import run_concurrently
from pipelex.pipes.controllers.pipe_sequence import Step
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass
class PipeParallel(PipeAbstract):
    branches: tuple[Step, ...] = ()
    add_each_output: bool = True
    combined: Concept | None = None

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        async def run_branch(step: Step) -> Stuff:
            return await context.get_pipe(step.pipe_code).run(context, memory.copy(), step.result)

        outputs = await run_concurrently([run_branch(step) for step in self.branches])
        if self.add_each_output:
            for output in outputs:
                memory.set(output)
        concept = self.combined or self.output.concept
        return Stuff(result_name, concept, self._combine(concept, outputs))

    def _combine(self, concept: Concept, outputs: list[Stuff]) -> Content:
        if concept.content_kind is ContentKind.STRUCTURED:
            try:
                return concept.content_model().model_validate({output.name: output.plain() for output in outputs})
            except ValidationError as error:
                details = validation_problems(error)
                raise PipeRunError(
                    f"pipe `{self.code}`: the branch results do not fit `{concept.code}`: {details}",
                    pipe_code=self.code,
                ) from None
        return "\n\n".join(f"<{output.name}>\n{output.as_text()}\n</{output.name}>" for output in outputs)
