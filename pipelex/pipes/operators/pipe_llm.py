"""PipeLLM: render a prompt from the inputs, ask a model, validate the answer against the output concept."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pipelex.cogt.llm.llm_job import LLMJob, LLMPrompt
from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import OutputValidationError, PipeRunError
from pipelex.language.names import NB_OUTPUT
from pipelex.language.prompt_template import PromptTemplate, optional_roots
from pipelex.pipes.operators.llm_images import PromptImageError, take_images
from pipelex.pipes.output_schema import needs_object, output_schema
from pipelex.pipes.pipe_abstract import PipeAbstract, Slot
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass
class PipeLLM(PipeAbstract):
    prompt: PromptTemplate
    system_prompt: PromptTemplate | None = None
    model: str | dict[str, Any] | None = None
    model_to_structure: str | dict[str, Any] | None = None
    structuring_method: str = "direct"

    def optional_inputs(self) -> set[str]:
        return optional_roots([self.prompt, self.system_prompt])

    def with_output_count(self, count: int) -> PipeLLM:
        """This pipe asked for exactly ``count`` items (a sequence step's ``nb_output``)."""
        return replace(self, output=Slot(self.output.name, self.output.concept, is_list=True, count=count))

    def nb_output(self) -> int | None:
        """The value of ``_nb_output`` in the prompts: how many items are asked for (``None``: any number)."""
        if not self.output.is_list:
            return 1
        return self.output.count

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        values = self.input_values(memory)
        nb_output = self.nb_output()
        if nb_output is not None:
            values[NB_OUTPUT] = nb_output
        system_text = self.render(self.system_prompt, values) if self.system_prompt else None
        try:
            values, images = take_images(values, self.prompt.variables)
        except PromptImageError as error:
            raise PipeRunError(f"pipe `{self.code}`: {error}", pipe_code=self.code) from None
        user_text = self.render(self.prompt, values)
        wants_object = needs_object(self.output)
        if wants_object and self.structuring_method == "preliminary_text":
            # First let the model write freely, then have a (usually cheaper) model structure that text.
            draft = await self._ask(context, self.model, LLMPrompt(user_text, system_text, images), for_object=False)
            structuring_prompt = LLMPrompt(_STRUCTURING_PROMPT.format(text=str(draft)), None)
            content = await self._ask(context, self.model_to_structure, structuring_prompt, for_object=True)
        else:
            prompt = LLMPrompt(user_text, system_text, images)
            content = await self._ask(context, self.model, prompt, for_object=wants_object)
        if not wants_object:
            return Stuff(result_name, self.output.concept, content)
        if self.output.count is not None and isinstance(content, list) and len(content) != self.output.count:
            raise OutputValidationError(
                f"pipe `{self.code}` asked for exactly {self.output.count} items and got {len(content)}",
                pipe_code=self.code,
            )
        return Stuff(result_name, self.output.concept, content, is_list=self.output.is_list)

    async def _ask(
        self, context: RunContextProtocol, model: str | dict[str, Any] | None, prompt: LLMPrompt, *, for_object: bool
    ) -> Any:
        resolved = context.resolve_llm(model, for_object=for_object)
        if for_object and "structured" not in resolved.spec.outputs:
            raise PipeRunError(
                f"pipe `{self.code}` needs structured output ({self.output.label}), which model "
                f"`{resolved.spec.name}` does not produce (its outputs: {', '.join(resolved.spec.outputs)})",
                pipe_code=self.code,
            )
        if prompt.user_images:
            self._check_images(resolved.spec.name, resolved.spec.inputs, resolved.spec.max_prompt_images, prompt)
        worker = context.make_llm_worker(resolved)
        context.note(f"{self.code}: {resolved.spec.name} via {resolved.spec.backend_name}")
        job = LLMJob(prompt, resolved.settings, job_label=self.code)
        if not for_object:
            async with context.inference_slot(resolved.spec):
                return await worker.gen_text(job)
        schema = output_schema(self.output)
        async with context.inference_slot(resolved.spec):
            instance = await worker.gen_object(job, schema.model)
        return schema.unwrap(instance)

    def _check_images(self, model: str, accepted: tuple[str, ...], limit: int | None, prompt: LLMPrompt) -> None:
        if "images" not in accepted:
            raise PipeRunError(
                f"pipe `{self.code}` sends {len(prompt.user_images)} image(s) to model `{model}`, which reads only "
                f"{', '.join(accepted)}: choose a model that reads images (its spec lists `images` in `inputs`)",
                pipe_code=self.code,
            )
        if limit is not None and len(prompt.user_images) > limit:
            raise PipeRunError(
                f"pipe `{self.code}` sends {len(prompt.user_images)} images to model `{model}`, "
                f"which reads at most {limit} per prompt",
                pipe_code=self.code,
            )


_STRUCTURING_PROMPT = """Extract the information in the text below into the requested structure.
Keep its wording; do not add facts that are not in it.

--- text ---
{text}
"""
