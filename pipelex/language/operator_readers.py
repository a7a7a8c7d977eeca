"""Readers of the PipeExtract and PipeImgGen tables: each bad value is a located diagnostic."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pipelex.cogt.img_gen.img_gen_job import ASPECT_RATIOS, BACKGROUNDS, OUTPUT_FORMATS
from pipelex.language import diagnostics as kinds
from pipelex.language.blueprints import PipeBlueprint, PipeExtractBlueprint, PipeImgGenBlueprint
from pipelex.language.suggest import did_you_mean
from pipelex.language.toml_tree import TomlScalar, to_python

if TYPE_CHECKING:
    from pipelex.language.pipe_readers import PipeFields

PAGE_VIEWS_DPI_RANGE = (36, 600)
_SIZE = re.compile(r"^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$")
AUTO = "auto"

EXTRACT_FIELDS = ("model", "max_page_images", "page_views", "page_views_dpi", "page_image_captions")
EXTRACT_RENAMED = {"ocr_model": "model", "ocr": "model", "extract_model": "model"}
IMG_GEN_FIELDS = (
    *("prompt", "negative_prompt", "model", "aspect_ratio", "size", "seed"),
    *("background", "output_format", "is_raw"),
)
IMG_GEN_RENAMED = {"img_gen": "model", "imgg_handle": "model", "prompt_template": "prompt"}


def build_extract(fields: PipeFields, **common: Any) -> PipeBlueprint:
    blueprint = PipeExtractBlueprint(**common)
    blueprint.model, blueprint.model_span = _model(fields, 'e.g. `model = "extract_text_from_pdf"`')
    blueprint.max_page_images = _integer(fields, "max_page_images", 0, None)
    blueprint.page_views = _bool(fields, "page_views")
    blueprint.page_views_dpi = _integer(fields, "page_views_dpi", *PAGE_VIEWS_DPI_RANGE)
    blueprint.page_image_captions = _bool(fields, "page_image_captions")
    return blueprint


def build_img_gen(fields: PipeFields, **common: Any) -> PipeBlueprint:
    blueprint = PipeImgGenBlueprint(**common)
    blueprint.prompt = fields.template("prompt")
    blueprint.negative_prompt = fields.template("negative_prompt")
    blueprint.model, blueprint.model_span = _model(fields, 'e.g. `model = "gen_image_basic"`')
    blueprint.aspect_ratio = _choice(fields, "aspect_ratio", ASPECT_RATIOS)
    blueprint.background = _choice(fields, "background", BACKGROUNDS)
    blueprint.output_format = _choice(fields, "output_format", OUTPUT_FORMATS)
    blueprint.is_raw = _bool(fields, "is_raw")
    blueprint.size = _size(fields)
    seed = fields.table.get("seed")
    if not (isinstance(seed, TomlScalar) and seed.value == AUTO):
        blueprint.seed = _integer(fields, "seed", 0, 2**32 - 1, allow_auto=True)
    if blueprint.size is not None and blueprint.aspect_ratio is not None:
        fields.reader.report(
            kinds.INVALID_VALUE,
            f"{fields.where} sets both `size` and `aspect_ratio`",
            fields.table.key_span("size"),
            help_text="keep one: `size` is exact, `aspect_ratio` lets the model pick a size of that shape",
        )
    return blueprint


def _model(fields: PipeFields, example: str) -> tuple[str | None, Any]:
    node = fields.table.get("model")
    if node is None:
        return None, None
    if isinstance(node, TomlScalar) and node.kind == "string":
        return str(node.value), node.span
    fields.reader.report(
        kinds.INVALID_VALUE,
        f"{fields.where}: `model` must be the name of a preset, alias or model",
        node.span,
        help_text=example,
    )
    return None, node.span


def _bool(fields: PipeFields, key: str) -> bool:
    node = fields.table.get(key)
    if node is None:
        return False
    if isinstance(node, TomlScalar) and node.kind == "bool":
        return bool(node.value)
    fields.reader.report(kinds.INVALID_VALUE, f"{fields.where}: `{key}` must be true or false", node.span)
    return False


def _integer(fields: PipeFields, key: str, low: int, high: int | None, *, allow_auto: bool = False) -> int | None:
    node = fields.table.get(key)
    if node is None:
        return None
    if isinstance(node, TomlScalar) and node.kind == "integer":
        value = int(node.value)  # type: ignore[arg-type]
        if value >= low and (high is None or value <= high):
            return value
    expected = f"a whole number from {low} to {high}" if high is not None else f"a whole number, {low} or more"
    fields.reader.report(
        kinds.INVALID_VALUE,
        f"{fields.where}: `{key}` must be {expected}" + (' or "auto"' if allow_auto else ""),
        node.span,
    )
    return None


def _choice(fields: PipeFields, key: str, choices: tuple[str, ...]) -> str | None:
    node = fields.table.get(key)
    if node is None:
        return None
    if isinstance(node, TomlScalar) and node.kind == "string" and node.value in choices:
        return str(node.value)
    written = str(to_python(node))
    fields.reader.report(
        kinds.INVALID_VALUE,
        f"{fields.where}: `{key}` cannot be `{written}`",
        node.span,
        help_text=did_you_mean(written, choices) or f"one of: {', '.join(choices)}",
    )
    return None


def _size(fields: PipeFields) -> str | None:
    node = fields.table.get("size")
    if node is None:
        return None
    if isinstance(node, TomlScalar) and node.kind == "string" and (node.value == AUTO or _SIZE.match(str(node.value))):
        return None if node.value == AUTO else str(node.value)
    fields.reader.report(
        kinds.INVALID_VALUE,
        f'{fields.where}: `size` must be "WIDTHxHEIGHT" in pixels or "auto"',
        node.span,
        help_text='e.g. `size = "1024x1536"`',
    )
    return None
