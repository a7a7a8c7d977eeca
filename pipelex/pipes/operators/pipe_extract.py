"""PipeExtract: read a document (a PDF or an image) into pages of text and images, with an extraction model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelex.cogt.extract.extract_job import ExtractDocument, ExtractedImage, ExtractedPage, ExtractJob, ExtractOptions
from pipelex.core.concepts import ContentKind
from pipelex.core.media_values import PDF_MIME, DocumentValue, ImageValue, PageValue, data_url, read_media
from pipelex.core.stuff import Stuff
from pipelex.core.working_memory import WorkingMemory
from pipelex.exceptions import PipeRunError
from pipelex.pipes.pipe_abstract import PipeAbstract
from pipelex.pipes.run_context_protocol import RunContextProtocol


@dataclass
class PipeExtract(PipeAbstract):
    """Produces ``Page[]`` (one item per page) or, for a text output, the pages' text joined by blank lines."""

    model: str | None = None
    options: ExtractOptions = field(default_factory=ExtractOptions)

    async def run(self, context: RunContextProtocol, memory: WorkingMemory, result_name: str) -> Stuff:
        document = self._document(memory)
        resolved = context.resolve_extract(self.model)
        spec = resolved.spec
        needed = "pdf" if document.is_pdf else "images"
        if needed not in spec.inputs:
            raise PipeRunError(
                f"pipe `{self.code}`: model `{spec.name}` cannot read {document.mime_type} "
                f"(it reads: {', '.join(spec.inputs)}); name another model in `model`",
                pipe_code=self.code,
            )
        worker = context.make_extract_worker(resolved)
        context.note(f"{self.code}: {spec.name} via {spec.backend_name}")
        async with context.inference_slot(spec):
            pages = await worker.extract_pages(ExtractJob(document, self.options, job_label=self.code))
        if self.output.concept.content_kind is ContentKind.PAGE:
            values = [_page_value(number, page) for number, page in enumerate(pages, start=1)]
            return Stuff(result_name, self.output.concept, list(values), is_list=True)
        return Stuff(result_name, self.output.concept, "\n\n".join(page.text for page in pages))

    def _document(self, memory: WorkingMemory) -> ExtractDocument:
        """The bytes of the one input, a document or an image (a dotted input name reaches a field)."""
        name = next(iter(self.inputs))
        root, *path = name.split(".")
        stuff = memory.get(root)
        if stuff is None:
            raise PipeRunError(f"pipe `{self.code}` needs the input `{root}`, which is not in working memory")
        content: Any = stuff.content
        for part in path:
            content = getattr(content, part, None)
        if not isinstance(content, DocumentValue | ImageValue):
            raise PipeRunError(
                f"pipe `{self.code}`: input `{name}` holds no document or image (got {type(content).__name__})",
                pipe_code=self.code,
            )
        try:
            data, found_type = read_media(content.url)
        except ValueError as error:
            raise PipeRunError(f"pipe `{self.code}`: input `{name}`: {error}", pipe_code=self.code) from None
        mime_type = found_type or content.mime_type or PDF_MIME
        shown = content.url if not content.url.startswith("data:") else name
        return ExtractDocument(data, mime_type, shown)


def _image_value(image: ExtractedImage) -> ImageValue:
    return ImageValue(url=data_url(image.data, image.mime_type), mime_type=image.mime_type, caption=image.caption)


def _page_value(number: int, page: ExtractedPage) -> PageValue:
    return PageValue(
        page_number=number,
        text=page.text,
        images=[_image_value(image) for image in page.images],
        page_view=_image_value(page.page_view) if page.page_view is not None else None,
    )
