"""PipeCompose: render a template from the inputs, or construct a structured output field by field; no model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from pipelex.core.stuff import Stuff, to_plain
from pipelex.core.validation_problems import validation_problems
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import OutputValidationError, PipeRunError
from pipelex.language.prompt_template import PromptTemplate, TemplateRenderError, evaluate_expression, optional_roots
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass(frozen=True, slots=True)
class ConstructField:
    """How one output field is built: from an input path, from a template, or a literal value."""

    name: str
    source: str | None = None
    template: PromptTemplate | None = None
    value: Any = None


@dataclass
class PipeCompose(PipeAbstract):
    template: PromptTemplate | None = None
    category: str = "basic"
    construct: tuple[ConstructField, ...] | None = None

    def optional_inputs(self) -> set[str]:
        templates = [self.template] if self.construct is None else [field.template for field in self.construct]
        return optional_roots(templates)

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:  # noqa: ARG002
        values = self.input_values(memory)
        if self.construct is None:
            if self.template is None:
                raise PipeRunError(f"internal: pipe `{self.code}` has neither template nor construct")
            return Stuff(result_name, self.output.concept, self.render(self.template, values))
        built = {field.name: self._build_field(field, values) for field in self.construct}
        model = self.output.concept.content_model()
        try:
            instance = model.model_validate(built)
        except ValidationError as error:
            problems = validation_problems(error)
            raise OutputValidationError(
                f"pipe `{self.code}`: the constructed `{self.output.concept.code}` does not fit its concept: "
                + problems,
                pipe_code=self.code,
            ) from None
        return Stuff(result_name, self.output.concept, instance)

    def _build_field(self, field: ConstructField, values: dict[str, Any]) -> Any:
        if field.template is not None:
            return self.render(field.template, values)
        if field.source is None:
            return field.value
        try:
            return to_plain(evaluate_expression(field.source, values))
        except TemplateRenderError as error:
            raise PipeRunError(
                f"pipe `{self.code}`: construct field `{field.name}`: {error}", pipe_code=self.code
            ) from None
