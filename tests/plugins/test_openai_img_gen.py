"""Image generation through the real openai SDK against the fake OpenAI server on 127.0.0.1."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from pipelex import Pipelex
from pipelex.cogt.exceptions import MissingCredentialsError, ProviderError
from pipelex.core.media_values import decode_data_url
from pipelex.core.png import mock_png
from tests.conftest import REPO_ROOT
from tests.fakes.fake_openai import FakeOpenAIServer
from tests.plugins.conftest import FAKE_KEY

DRAW = REPO_ROOT / "tests" / "data" / "plx" / "valid" / "describe_then_draw.plx"


def images_answer(count: int) -> dict[str, object]:
    encoded = base64.b64encode(mock_png()).decode("ascii")
    return {
        "created": 1,
        "data": [{"b64_json": encoded} for _ in range(count)],
        "usage": {
            "input_tokens": 12,
            "output_tokens": 4160,
            "total_tokens": 4172,
            "input_tokens_details": {"text_tokens": 12, "image_tokens": 0},
        },
    }


def test_images_reach_the_wire_and_come_back_priced(server: FakeOpenAIServer) -> None:
    server.script(200, images_answer(2))
    px = Pipelex.load(DRAW)
    output = px.run_sync("draw_scene", inputs={"brief": "A lighthouse at dawn"})
    (request,) = server.requests
    assert request.path == "/v1/images/generations"
    assert request.headers["authorization"] == f"Bearer {FAKE_KEY}"
    assert request.body == {
        "model": "gpt-image-1",
        "prompt": "A lighthouse at dawn\n\nAvoid: text, watermark",
        "n": 2,
        "size": "1536x1024",
        "quality": "medium",
    }
    images = output.main_stuff.content
    assert isinstance(images, list)
    assert [decode_data_url(image.url) for image in images] == [(mock_png(), "image/png")] * 2  # type: ignore[union-attr]
    (call,) = output.report.calls
    assert (call.model, call.input_tokens, call.output_tokens, call.cost) == ("gpt-image-1", 12, 4160, 0.126)


def test_a_provider_refusal_is_a_provider_error(server: FakeOpenAIServer) -> None:
    server.script(
        400,
        {
            "error": {
                "message": "Your request was rejected by the safety system.",
                "type": "image_generation_user_error",
            }
        },
    )
    with pytest.raises(ProviderError, match="refused the request: Your request was rejected by the safety system"):
        Pipelex.load(DRAW).run_sync("draw_scene", inputs={"brief": "x"})


def test_an_answer_without_images_is_a_provider_error(server: FakeOpenAIServer) -> None:
    server.script(200, {"created": 1, "data": [{"revised_prompt": "x"}]})
    with pytest.raises(ProviderError, match="neither base64 data nor a URL"):
        Pipelex.load(DRAW).run_sync("draw_scene", inputs={"brief": "x"})


def test_no_key_no_call(tmp_path: Path) -> None:
    with pytest.raises(MissingCredentialsError, match="needs an API key to call `gpt-image-1`"):
        Pipelex.load(DRAW).run_sync("draw_scene", inputs={"brief": "x"})
