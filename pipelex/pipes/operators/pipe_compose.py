"""PipeCompose: render a template from the inputs, with no model."""

from __future__ import annotations

from dataclasses import dataclass

from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.language.prompt_template import PromptTemplate, optional_roots
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass
class PipeCompose(PipeAbstract):
    template: PromptTemplate
    category: str = "basic"

    def optional_inputs(self) -> set[str]:
        return optional_roots([self.template])

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:  # noqa: ARG002
        text = self.render(self.template, self.input_values(memory))
        return Stuff(result_name, self.output.concept, text)
