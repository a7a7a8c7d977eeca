"""The model deck's [extract] and [img_gen] sections: presets, defaults, families, and load-time checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelex.cogt.exceptions import LLMHandleNotFoundError, ModelsManagerError
from pipelex.cogt.models.model_deck import ModelDeck
from pipelex.cogt.models.model_manager import load_model_deck
from pipelex.engine.inference_setup import kit_inference_dir
from pipelex.language.toml_files import read_toml_file


@pytest.fixture
def config(tmp_path: Path) -> Path:
    target = tmp_path / "inference"
    shutil.copytree(kit_inference_dir(), target)
    return target


def deck_of(config: Path, overrides: str = "") -> ModelDeck:
    (config / "deck" / "overrides.toml").write_text(overrides)
    return load_model_deck(config, read_toml_file, {})


def test_kit_defaults(config: Path) -> None:
    deck = deck_of(config)
    extract = deck.resolve_extract(None)
    assert (extract.requested, extract.spec.name, extract.spec.backend_name) == (
        "extract_text_from_pdf",
        "pypdfium2-extract-text",
        "internal",
    )
    img_gen = deck.resolve_img_gen(None)
    assert (img_gen.requested, img_gen.spec.name, dict(img_gen.options)) == (
        "gen_image_basic",
        "gpt-image-1",
        {"quality": "medium"},
    )


def test_sigils_presets_aliases_and_models(config: Path) -> None:
    deck = deck_of(config, '[aliases]\npainter = "gpt-image-1"\n')
    assert deck.resolve_img_gen("$gen_image_fast").options == {"quality": "low"}
    assert deck.resolve_img_gen("@painter").spec.name == "gpt-image-1"
    assert deck.resolve_img_gen("gpt-image-1").options == {}
    with pytest.raises(LLMHandleNotFoundError, match=r"not a preset of \[img_gen.presets\]"):
        deck.resolve_img_gen("$painter")


def test_a_model_of_another_family_is_refused(config: Path) -> None:
    deck = deck_of(config)
    with pytest.raises(LLMHandleNotFoundError, match="model `gpt-4o` is not an extraction model"):
        deck.resolve_extract("gpt-4o")
    with pytest.raises(LLMHandleNotFoundError, match=r"is a preset of \[extract.presets\], not of \[img_gen.presets\]"):
        deck.resolve_img_gen("extract_text_from_pdf")
    with pytest.raises(LLMHandleNotFoundError, match="`pypdfium2-extract-text` is not an image model"):
        deck.resolve_img_gen("pypdfium2-extract-text")


def test_names_by_family(config: Path) -> None:
    names = deck_of(config, '[aliases]\npainter = "gpt-image-1"\n').model_names()
    assert {
        "extract_text_from_pdf",
        "pypdfium2-extract-text",
        "extract_text_from_visuals",
        "mistral-ocr",
        "docling-extract-text",
    } == set(names.extract)
    assert "claude-4.5-sonnet" not in names.extract
    assert {"gen_image_basic", "painter", "gpt-image-1"} <= set(names.img_gen)
    assert "gpt-image-1" not in names.llm
    assert "pypdfium2-extract-text" not in names.llm
    assert "gpt-4o" not in names.img_gen


def test_overrides_add_presets_with_the_seed_keys(config: Path) -> None:
    deck = deck_of(
        config,
        '[extract.presets]\nmine = { ocr_handle = "pypdfium2-extract-text", max_nb_images = 5 }\n'
        '[img_gen]\nchoice_default = "gen_image_high_quality"\n',
    )
    assert deck.resolve_extract("mine").options == {"max_nb_images": 5}
    assert deck.resolve_img_gen(None).options == {"quality": "high"}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            '[extract]\nchoice_default = "extract_text_from_pfd"\n',
            r"\[extract\] choice_default = `extract_text_from_pfd`: .*did you mean `extract_text_from_pdf`",
        ),
        (
            "[img_gen]\nchoice_default = 3\n",
            r"\[img_gen\] choice_default: must be the name of a preset, alias or model",
        ),
        ('[img_gen]\nchoice_defaults = "x"\n', r"\[img_gen\] choice_defaults: unknown key"),
        (
            '[img_gen.presets]\nfancy = { model = "gpt-image-1", colour = "red" }\n',
            r"\[img_gen.presets\] fancy: unknown key `colour`",
        ),
        (
            '[img_gen.presets]\nwriter = "gpt-4o"\n',
            r"\[img_gen.presets\] writer: `gpt-4o` leads to `gpt-4o`, which is not a model of \[img_gen\]",
        ),
        ('[extract.presets]\nloop = "$loop"\n', r"\[extract.presets\] loop: `\$loop`: .*loop"),
    ],
)
def test_deck_mistakes_name_the_file_and_the_key(config: Path, overrides: str, expected: str) -> None:
    with pytest.raises(ModelsManagerError, match=expected) as caught:
        deck_of(config, overrides)
    assert str(caught.value).startswith(str(config / "deck" / "overrides.toml"))


def test_a_deck_without_the_sections_says_what_to_do(config: Path) -> None:
    base = config / "deck" / "base_deck.toml"
    text = base.read_text()
    base.write_text(text[: text.index("[extract]")])
    deck = deck_of(config)
    with pytest.raises(LLMHandleNotFoundError, match=r"sets no \[extract\] choice_default: name a model"):
        deck.resolve_extract(None)
    assert deck.resolve_extract("pypdfium2-extract-text").spec.name == "pypdfium2-extract-text"
