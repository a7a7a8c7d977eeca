"""Checks of PipeExtract and PipeImgGen: what they read, what they produce, and their models.

PipeExtract reads one Document or Image (or a refinement) and produces ``Page[]`` (one item per page) or
a text concept (the pages' text joined). PipeImgGen produces ``Image`` or ``Image[N]`` from its
``prompt`` template, or, without one, from its single text input (Text, ImgGenPrompt or a refinement).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelex.core.concepts import ContentKind
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import PipeBlueprint, PipeExtractBlueprint, PipeImgGenBlueprint, TypeDecl
from pipelex.language.source import Span
from pipelex.language.suggest import did_you_mean

if TYPE_CHECKING:
    from pipelex.language.checks import LibraryChecker

_EXTRACT_READS = (ContentKind.DOCUMENT, ContentKind.IMAGE)


def check_extract(checker: LibraryChecker, pipe: PipeExtractBlueprint) -> None:
    decl = _single_input(
        checker,
        pipe,
        f"pipe `{pipe.code}` is a PipeExtract: it needs one Document or Image input",
        f"pipe `{pipe.code}` is a PipeExtract: it reads one Document or Image, but it has {{count}} inputs: {{names}}",
        'e.g. `inputs = { document = "Document" }`',
    )
    concept = checker.resolve(pipe, decl)
    if decl is not None and concept is not None:
        if concept.content_kind not in _EXTRACT_READS:
            checker.report(
                kinds.INVALID_VALUE,
                f"pipe `{pipe.code}` is a PipeExtract: its input `{decl.name}` must be a Document or an Image, "
                f"not `{decl.text}` (a {concept.content_kind.value} concept)",
                pipe.file,
                decl.span,
                help_text="extract from a `Document` (a PDF), an `Image`, or a concept that refines one",
            )
        elif decl.expr is not None and decl.expr.is_list:
            checker.report(
                kinds.INVALID_VALUE,
                f"pipe `{pipe.code}` is a PipeExtract: it reads one document, not a list (`{decl.text}`)",
                pipe.file,
                decl.span,
                help_text="run it on each item with `batch_over` / `batch_as` in a sequence step, or a PipeBatch",
            )
    output = checker.resolve(pipe, pipe.output)
    if output is not None and pipe.output is not None and pipe.output.expr is not None:
        is_list = pipe.output.expr.is_list
        if output.content_kind not in (ContentKind.PAGE, ContentKind.TEXT):
            _wrong_output(checker, pipe, pipe.output, "`Page[]` (one item per page) or `Text` (all the text)")
        elif (output.content_kind is ContentKind.PAGE) != is_list or pipe.output.expr.count is not None:
            checker.report(
                kinds.INADEQUATE_OUTPUT_MULTIPLICITY,
                f"pipe `{pipe.code}` is a PipeExtract: it produces `{output.code}[]` or `Text`, "
                f"not `{pipe.output.text}`",
                pipe.file,
                pipe.output.span,
                help_text="a document has any number of pages: write `Page[]` for the pages, or `Text` for their text",
            )
    check_family_model(checker, pipe, pipe.model, pipe.model_span, "extract")


def check_img_gen(checker: LibraryChecker, pipe: PipeImgGenBlueprint) -> None:
    if pipe.prompt is not None:
        checker.check_templates(pipe, [pipe.prompt, pipe.negative_prompt], pipe.prompt.template is not None)
    else:
        checker.check_templates(pipe, [pipe.negative_prompt], main_ok=False)
        decl = _single_input(
            checker,
            pipe,
            f"pipe `{pipe.code}` has no `prompt`, and no text input to use as the prompt",
            f"pipe `{pipe.code}` has no `prompt` and {{count}} inputs ({{names}}): which one is the prompt?",
            'add `prompt = "..."` (it may use the inputs), or one input such as `inputs = { prompt = "ImgGenPrompt" }`',
        )
        concept = checker.resolve(pipe, decl)
        is_text = concept is not None and concept.content_kind is ContentKind.TEXT
        if decl is not None and concept is not None and (not is_text or (decl.expr is not None and decl.expr.is_list)):
            checker.report(
                kinds.INVALID_VALUE,
                f"pipe `{pipe.code}` has no `prompt`, so its input `{decl.name}` is the prompt: it must be a "
                f"text (Text, ImgGenPrompt or a refinement), not `{decl.text}`",
                pipe.file,
                decl.span,
                help_text='write a `prompt = "..."` that uses the input',
            )
    output = checker.resolve(pipe, pipe.output)
    if output is not None and pipe.output is not None and pipe.output.expr is not None:
        if output.content_kind is not ContentKind.IMAGE:
            _wrong_output(checker, pipe, pipe.output, "`Image` or `Image[N]`")
        elif pipe.output.expr.is_list and pipe.output.expr.count is None:
            checker.report(
                kinds.INADEQUATE_OUTPUT_MULTIPLICITY,
                f"pipe `{pipe.code}` is a PipeImgGen: say how many images it makes (`{pipe.output.text}`)",
                pipe.file,
                pipe.output.span,
                help_text=f"write `{output.code}` for one image or `{output.code}[N]` for N images",
            )
    check_family_model(checker, pipe, pipe.model, pipe.model_span, "img_gen")


_WHAT = {"extract": "an extraction model", "img_gen": "an image model"}
_SECTION = {"extract": "[extract.presets]", "img_gen": "[img_gen.presets]"}


def check_family_model(
    checker: LibraryChecker, pipe: PipeBlueprint, written: str | None, span: Span | None, family: str
) -> None:
    """``model`` must be a preset, alias or model of its family in the model deck."""
    names = checker.family_model_names
    if names is None or written is None:
        return
    known: list[str] = getattr(names, family)
    name = written.lstrip("$@~")
    if name in known:
        return
    other = "img_gen" if family == "extract" else "extract"
    elsewhere = name in names.llm or name in getattr(names, other)
    help_text = did_you_mean(name, known)
    if help_text is None:
        help_text = (
            f"choose one of: {', '.join(known)}"
            if known
            else f"define one under {_SECTION[family]} in .pipelex/inference/deck/overrides.toml"
        )
    checker.report(
        kinds.UNKNOWN_MODEL,
        f"unknown model `{written}` in pipe `{pipe.code}`" + (f": it is not {_WHAT[family]}" if elsewhere else ""),
        pipe.file,
        span,
        label=f"not {_WHAT[family]} of the model deck",
        help_text=help_text,
    )


def _single_input(
    checker: LibraryChecker, pipe: PipeBlueprint, missing: str, several: str, example: str
) -> TypeDecl | None:
    """The pipe's one input; reports a missing input (``missing``), or extra ones (``several``)."""
    decls = list(pipe.inputs.values())
    if not decls:
        checker.report(kinds.MISSING_FIELD, missing, pipe.file, pipe.span, help_text=example)
        return None
    if len(decls) > 1:
        names = ", ".join(f"`{decl.name}`" for decl in decls)
        checker.report(
            kinds.INVALID_VALUE,
            several.format(count=len(decls), names=names),
            pipe.file,
            decls[1].span,
            help_text=example,
        )
        return None
    return decls[0]


def _wrong_output(checker: LibraryChecker, pipe: PipeBlueprint, output: TypeDecl, expected: str) -> None:
    checker.report(
        kinds.INADEQUATE_OUTPUT_CONCEPT,
        f"pipe `{pipe.code}` is a {pipe.type}: it produces {expected}, not `{output.text}`",
        pipe.file,
        output.span,
    )
