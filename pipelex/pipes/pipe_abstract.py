"""The base of every runnable pipe."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from pipelex.core.concepts import Concept
from pipelex.core.stuff import Stuff, template_value
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipeRunError
from pipelex.language.prompt_template import PromptTemplate, TemplateRenderError
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass(frozen=True, slots=True)
class Slot:
    """A typed input or output: a concept, optionally a list (of exactly ``count`` items)."""

    name: str
    concept: Concept
    is_list: bool = False
    count: int | None = None

    @property
    def label(self) -> str:
        if not self.is_list:
            return self.concept.ref
        return f"{self.concept.ref}[{self.count if self.count is not None else ''}]"


@dataclass
class PipeAbstract(ABC):
    """A pipe ready to run: its code, typed inputs and output."""

    code: str
    domain: str
    description: str
    inputs: dict[str, Slot]
    output: Slot

    @abstractmethod
    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        """Run on ``memory`` and return the output stuff, named ``result_name``."""

    def optional_inputs(self) -> set[str]:
        """Inputs the pipe can run without (those its templates use only as ``@?name``)."""
        return set()

    def input_values(self, memory: WorkingMemory) -> dict[str, Any]:
        """The plain values of this pipe's inputs, keyed by their root names, for templates."""
        values: dict[str, Any] = {}
        optional = self.optional_inputs()
        for name in self.inputs:
            root = name.split(".", 1)[0]
            stuff = memory.get(root)
            if stuff is None and root in optional:
                continue
            if stuff is None:
                raise PipeRunError(
                    f"pipe `{self.code}` needs the input `{root}`, which is not in working memory "
                    f"(available: {', '.join(memory.names()) or 'nothing'})",
                    pipe_code=self.code,
                )
            values[root] = template_value(stuff)
        return values

    def render(self, template: PromptTemplate, values: dict[str, Any]) -> str:
        """Render one of this pipe's templates; failures name the pipe."""
        try:
            return template.render(values)
        except TemplateRenderError as error:
            raise PipeRunError(f"pipe `{self.code}`: {error}", pipe_code=self.code) from None
