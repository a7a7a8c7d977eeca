"""Building PipeExtract and PipeImgGen from their checked blueprints (registered in ``pipe_factory``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipelex.cogt.extract.extract_job import DEFAULT_PAGE_VIEWS_DPI, ExtractOptions
from pipelex.cogt.img_gen.img_gen_job import ImgGenSettings
from pipelex.language.blueprints import PipeExtractBlueprint, PipeImgGenBlueprint
from pipelex.pipes.operators.pipe_extract import PipeExtract
from pipelex.pipes.operators.pipe_img_gen import PipeImgGen
from pipelex.pipes.pipe_abstract import PipeAbstract


def build_extract(blueprint: PipeExtractBlueprint, common: Mapping[str, Any], context: object) -> PipeAbstract:  # noqa: ARG001
    options = ExtractOptions(
        max_page_images=blueprint.max_page_images,
        page_views=blueprint.page_views,
        page_views_dpi=blueprint.page_views_dpi or DEFAULT_PAGE_VIEWS_DPI,
        page_image_captions=blueprint.page_image_captions,
    )
    return PipeExtract(**common, model=blueprint.model, options=options)


def build_img_gen(blueprint: PipeImgGenBlueprint, common: Mapping[str, Any], context: object) -> PipeAbstract:  # noqa: ARG001
    settings = ImgGenSettings(
        aspect_ratio=blueprint.aspect_ratio,
        size=blueprint.size,
        seed=blueprint.seed,
        background=blueprint.background,
        output_format=blueprint.output_format,
        is_raw=blueprint.is_raw,
    )
    return PipeImgGen(
        **common,
        prompt=blueprint.prompt.template if blueprint.prompt is not None else None,
        negative_prompt=blueprint.negative_prompt.template if blueprint.negative_prompt is not None else None,
        model=blueprint.model,
        settings=settings,
    )
