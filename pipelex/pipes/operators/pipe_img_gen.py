"""PipeImgGen: render a prompt (or take the text input as it is) and generate images with an image model."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipelex.cogt.img_gen.img_gen_job import QUALITIES, GeneratedImage, ImgGenJob, ImgGenPrompt, ImgGenSettings
from pipelex.core.media_values import ImageValue, data_url
from pipelex.core.stuff import Content, Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import OutputValidationError, PipeRunError
from pipelex.language.prompt_template import PromptTemplate, optional_roots
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass
class PipeImgGen(PipeAbstract):
    """Produces one image (``Image``) or exactly N (``Image[N]``)."""

    prompt: PromptTemplate | None = None
    negative_prompt: PromptTemplate | None = None
    model: str | None = None
    settings: ImgGenSettings = field(default_factory=ImgGenSettings)

    def optional_inputs(self) -> set[str]:
        if self.prompt is None:
            return set()
        return optional_roots([self.prompt, self.negative_prompt])

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        values = self.input_values(memory)
        # Without a `prompt`, the one text input is the prompt (the checks made sure there is exactly one).
        text = self.render(self.prompt, values) if self.prompt else str(next(iter(values.values()), ""))
        if not text.strip():
            raise PipeRunError(f"pipe `{self.code}`: the image prompt is empty", pipe_code=self.code)
        negative = self.render(self.negative_prompt, values) if self.negative_prompt is not None else None
        resolved = context.resolve_img_gen(self.model)
        quality = resolved.options.get("quality")
        settings = replace(
            self.settings,
            nb_images=self.output.count or 1,
            quality=quality if isinstance(quality, str) and quality in QUALITIES else None,
        )
        worker = context.make_img_gen_worker(resolved)
        context.note(f"{self.code}: {resolved.spec.name} via {resolved.spec.backend_name}")
        job = ImgGenJob(ImgGenPrompt(text, negative or None), settings, job_label=self.code)
        async with context.inference_slot(resolved.spec):
            generated = await worker.gen_images(job)
        images = [_image_value(image) for image in generated]
        if len(images) != settings.nb_images:
            raise OutputValidationError(
                f"pipe `{self.code}` asked model `{resolved.spec.name}` for {settings.nb_images} image(s) "
                f"and got {len(images)}",
                pipe_code=self.code,
            )
        if self.output.is_list:
            items: list[Content] = list(images)
            return Stuff(result_name, self.output.concept, items, is_list=True)
        return Stuff(result_name, self.output.concept, images[0])


def _image_value(image: GeneratedImage) -> ImageValue:
    if image.data is not None:
        return ImageValue(url=data_url(image.data, image.mime_type), mime_type=image.mime_type)
    if image.url is not None:
        return ImageValue(url=image.url, mime_type=image.mime_type)
    raise PipeRunError("the image model returned an image with neither data nor URL")
