"""The issue's done-criterion for mistral: a .plx with chat, structured output and OCR runs live against the
fake Mistral server, in a project configured only by `pipelex init` plus the backend's endpoint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipelex.plugins.pypdfium2.pdf_writer import write_pdf
from tests.fakes.fake_mistral import FakeMistralServer

KEY = "mistral-live-key-0123456789-never-print-me"
PLX = """domain = "letters"
main_pipe = "read_letter"

[concept.Verdict]
description = "A verdict on a letter"
[concept.Verdict.structure]
score = { type = "integer", description = "From 1 to 5" }
reason = "Why"

[pipe.read_letter]
type = "PipeSequence"
description = "OCR a letter, summarize it, then judge it"
inputs = { letter = "Document" }
output = "Verdict"
steps = [
    { pipe = "ocr_letter", result = "pages" },
    { pipe = "summarize", result = "summary" },
    { pipe = "judge", result = "verdict" },
]

[pipe.ocr_letter]
type = "PipeExtract"
description = "Read the letter"
inputs = { letter = "Document" }
output = "Page[]"
model = "mistral-ocr"

[pipe.summarize]
type = "PipeLLM"
description = "Summarize"
inputs = { pages = "Page[]" }
output = "Text"
model = "mistral-medium"
prompt = "Summarize this letter: @pages"

[pipe.judge]
type = "PipeLLM"
description = "Judge"
inputs = { summary = "Text" }
output = "Verdict"
model = { model = "mistral-small", temperature = 0.1 }
prompt = "Judge this summary: $summary"
"""


def pipelex(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=env
    )


def test_plx_runs_live_with_init_and_an_endpoint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    env = {**os.environ, "MISTRAL_API_KEY": KEY}
    env.pop("OPENAI_API_KEY", None)
    assert pipelex("init", cwd=tmp_path, env=env).returncode == 0
    backends = tmp_path / ".pipelex" / "inference" / "backends.toml"
    with FakeMistralServer() as server:
        text = backends.read_text()
        section = text.index("[mistral]")
        head, tail = text[:section], text[section:]
        tail = tail.replace("enabled = false", f'enabled = true\nendpoint = "{server.base_url}"', 1)
        backends.write_text(head + tail)
        (tmp_path / "letter.plx").write_text(PLX)
        (tmp_path / "letter.pdf").write_bytes(write_pdf(["Dear reader", "Kind regards"]))
        (tmp_path / "inputs.json").write_text('{"letter": "letter.pdf"}')
        result = pipelex("run", "letter.plx", "-i", "inputs.json", "-o", "out", cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        paths = [request.path for request in server.requests]
        assert paths == ["/v1/ocr", "/v1/chat/completions", "/v1/chat/completions"]
        assert all(request.headers["authorization"] == f"Bearer {KEY}" for request in server.requests)
        ocr, summarize, judge = (request.body for request in server.requests)
        assert ocr["model"] == "mistral-ocr-latest"
        assert ocr["document"]["document_url"].startswith("data:application/pdf;base64,")
        assert summarize["model"] == "mistral-medium-latest"
        text_part, *image_parts = summarize["messages"][-1]["content"]
        assert "# page 1" in text_part["text"]
        assert "# page 2" in text_part["text"]
        assert image_parts
        assert all(part["image_url"].startswith("data:image/png;base64,") for part in image_parts)
        assert "response_format" not in summarize
        assert judge["model"] == "mistral-small-latest"
        assert judge["temperature"] == 0.1
        assert judge["response_format"]["json_schema"]["schema"]["required"] == ["score", "reason"]
        assert "Judge this summary: fake mistral answer to: Summarize this letter" in judge["messages"][-1]["content"]
    assert "fake reason" in result.stdout
    produced = [result.stdout, result.stderr]
    produced += [path.read_text(errors="replace") for path in (tmp_path / "out").rglob("*") if path.is_file()]
    assert all(KEY not in text for text in produced)
