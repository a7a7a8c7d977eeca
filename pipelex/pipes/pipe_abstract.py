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

    def with_output_count(self, count: int) -> PipeAbstract:
        """This pipe asked for exactly ``count`` items of its output concept (a sequence step's ``nb_output``).

        Raises:
            PipeRunError: this kind of pipe cannot be asked for a number of items (the checks refuse it).
        """
        raise PipeRunError(f"pipe `{self.code}` cannot be asked for {count} outputs", pipe_code=self.code)

    def input_values(self, memory: WorkingMemory) -> dict[str, Any]:
        """The plain values of this pipe's inputs, keyed by their root names, for templates."""
        return {root: template_value(stuff) for root, stuff in self.input_stuffs(memory).items()}

    def input_stuffs(self, memory: WorkingMemory) -> dict[str, Stuff]:
        """This pipe's inputs from working memory, keyed by their root names (absent optional ones left out).

        Raises:
            PipeRunError: a required input is missing, or a concept's structure class was never found.
        """
        self.require_structure_classes()
        stuffs: dict[str, Stuff] = {}
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
            stuffs[root] = stuff
        return stuffs

    def require_structure_classes(self) -> None:
        """Fail clearly when an input or the output is a concept whose ``structure = "Class"`` was not found."""
        for slot in [*self.inputs.values(), self.output]:
            missing = slot.concept.missing_structure_class
            if missing is not None:
                raise PipeRunError(
                    f"pipe `{self.code}` uses concept `{slot.concept.code}`, whose structure class `{missing}` "
                    "was not found in the library's Python modules (PLX0208): define "
                    f"`class {missing}(BaseModel)` in a .py file beside the .plx files",
                    pipe_code=self.code,
                )

    def render(self, template: PromptTemplate, values: dict[str, Any]) -> str:
        """Render one of this pipe's templates; failures name the pipe."""
        try:
            return template.render(values)
        except TemplateRenderError as error:
            raise PipeRunError(f"pipe `{self.code}`: {error}", pipe_code=self.code) from None
