"""Image inputs of a PipeLLM reach the model as image parts, only where the prompt names them."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.core.png import mock_png
from pipelex.engine.inference_setup import kit_inference_dir
from pipelex.exceptions import PipeRunError
from tests.fakes.fake_openai import FakeOpenAIServer

PLX = """domain = "vision"

[pipe.compare]
type = "PipeLLM"
description = "Compare two photos"
inputs = { photo = "Image", other = "Image", note = "Text" }
output = "Text"
model = "gpt-4o"
prompt = \"\"\"Compare $photo with @other (the first one again: {{ photo }}).
$note\"\"\"

[pipe.caption]
type = "PipeLLM"
description = "Caption a photo, without looking at it"
inputs = { photo = "Image" }
output = "Text"
model = "gpt-4o"
prompt = "Say hello{% if false %}{{ photo }}{% endif %}"
"""


def _write(tmp_path: Path) -> tuple[Path, Path, Path]:
    plx = tmp_path / "vision.plx"
    plx.write_text(PLX, encoding="utf-8")
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    first.write_bytes(mock_png(8, 8, variant=1))
    second.write_bytes(mock_png(8, 8, variant=2))
    return plx, first, second


def test_images_are_sent_as_parts_with_placeholders_in_the_text(server: FakeOpenAIServer, tmp_path: Path) -> None:
    plx, first, second = _write(tmp_path)
    Pipelex.load(plx).run_sync("compare", inputs={"photo": str(first), "other": str(second), "note": "Be brief."})
    content = server.requests[0].body["messages"][-1]["content"]
    assert content[0]["type"] == "text"
    assert content[0]["text"].startswith(
        "Compare [image 1] with <other>\n[image 2]\n</other> (the first one again: [image 1])"
    )
    urls = [part["image_url"]["url"] for part in content[1:]]
    assert len(urls) == 2
    assert base64.b64decode(urls[0].removeprefix("data:image/png;base64,")) == first.read_bytes()
    assert base64.b64decode(urls[1].removeprefix("data:image/png;base64,")) == second.read_bytes()


def test_a_model_without_image_input_is_refused_before_the_call(server: FakeOpenAIServer, tmp_path: Path) -> None:
    plx, first, second = _write(tmp_path)
    config = tmp_path / ".pipelex" / "inference"
    shutil.copytree(kit_inference_dir(), config)
    models = config / "backends" / "openai.toml"
    text = models.read_text(encoding="utf-8")
    gpt_4o = text.index("[gpt-4o]")
    models.write_text(
        text[:gpt_4o] + text[gpt_4o:].replace('inputs = ["text", "images"]', 'inputs = ["text"]', 1), encoding="utf-8"
    )
    px = Pipelex.load(plx, project_dir=tmp_path)
    with pytest.raises(PipeRunError, match="which reads only text"):
        px.run_sync("compare", inputs={"photo": str(first), "other": str(second), "note": "x"})
    assert server.requests == []
