"""PipeCondition: evaluate an expression on the inputs and run the pipe of the matching outcome.

``default_outcome`` runs when no outcome matches: a pipe code, ``"fail"`` (an error naming the value) or
``"continue"`` (the first input passes through unchanged). In a dry run, mocked inputs rarely match an
outcome, so a run that would fail takes the first outcome instead, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelex.core.concepts import Concept
from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipeRunError
from pipelex.language.prompt_template import PromptTemplate, TemplateRenderError, evaluate_expression
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol

FAIL = "fail"
CONTINUE = "continue"


@dataclass
class PipeCondition(PipeAbstract):
    text_concept: Concept
    expression: str | None = None
    expression_template: PromptTemplate | None = None
    outcomes: dict[str, str] = field(default_factory=dict)
    default_outcome: str | None = None
    alias_to: str | None = None

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        value = self._evaluate(memory)
        if self.alias_to:
            memory.set(Stuff(self.alias_to, self.text_concept, value))
        target = self.outcomes.get(value, self.default_outcome)
        if target in (None, FAIL) and context.dry_run and self.outcomes:
            target = next(iter(self.outcomes.values()))
            context.note(f"{self.code}: dry run, `{value}` matches no outcome; taking `{target}`")
        if target is None or target == FAIL:
            known = ", ".join(f"`{key}`" for key in self.outcomes) or "none"
            raise PipeRunError(
                f"pipe `{self.code}`: the condition gave `{value}`, which matches no outcome (outcomes: {known})",
                pipe_code=self.code,
            )
        if target == CONTINUE:
            return self._pass_through(memory, result_name)
        context.note(f"{self.code}: `{value}` -> {target}")
        return await context.get_pipe(target).run(context, memory, result_name)

    def _evaluate(self, memory: WorkingMemory) -> str:
        values = self.input_values(memory)
        if self.expression_template is not None:
            return self.render(self.expression_template, values).strip()
        try:
            raw = evaluate_expression(self.expression or "", values)
        except TemplateRenderError as error:
            raise PipeRunError(f"pipe `{self.code}`: {error}", pipe_code=self.code) from None
        if isinstance(raw, bool):
            return "true" if raw else "false"
        return str(raw).strip()

    def _pass_through(self, memory: WorkingMemory, result_name: str) -> Stuff:
        for name in self.inputs:
            stuff = memory.get(name.split(".", 1)[0])
            if stuff is not None:
                return Stuff(result_name, stuff.concept, stuff.content, is_list=stuff.is_list)
        raise PipeRunError(f"pipe `{self.code}`: `continue` needs an input to pass through", pipe_code=self.code)
