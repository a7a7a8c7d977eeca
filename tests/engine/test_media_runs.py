"""PipeExtract and PipeImgGen run end to end: from the CLI and from Python, dry and (for local extraction) live."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelex import InputError, Pipelex
from pipelex.core.media_values import ImageValue, PageValue, decode_data_url
from pipelex.core.png import png_size
from pipelex.engine.output_writer import save_output
from pipelex.exceptions import PipeRunError
from pipelex.plugins.pypdfium2.pdf_writer import write_pdf
from tests.conftest import REPO_ROOT

VALID = REPO_ROOT / "tests" / "data" / "plx" / "valid"
EXTRACT_THEN_SUMMARIZE = VALID / "extract_then_summarize.plx"
DESCRIBE_THEN_DRAW = VALID / "describe_then_draw.plx"


def pipelex(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelex", *args], capture_output=True, text=True, timeout=60, cwd=cwd)


@pytest.fixture
def two_page_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(write_pdf(["Quarterly results are up", "Costs are down"]))
    return path


def test_cli_dry_run_extracts_the_real_pdf_then_mocks_the_llm(tmp_path: Path, two_page_pdf: Path) -> None:
    (tmp_path / "inputs.json").write_text(json.dumps({"document": two_page_pdf.name}))
    result = pipelex("run", str(EXTRACT_THEN_SUMMARIZE), "--dry-run", "-o", "out", "-i", "inputs.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[dry run: mock answer of gpt-4o-mini for `summarize_pages`]" in result.stdout
    out = tmp_path / "out"
    pages = json.loads((out / "working_memory.json").read_text())["stuffs"]["pages"]
    assert pages["concept"] == "native.Page[]"
    assert [page["text"] for page in pages["content"]] == ["Quarterly results are up", "Costs are down"]
    views = [page["page_view"]["url"] for page in pages["content"]]
    assert views == ["media/pages-1.png", "media/pages-2.png"]
    assert all(png_size((out / view).read_bytes()) == (298, 421) for view in views)
    calls = json.loads((out / "run_report.json").read_text())["calls"]
    assert [(call["model"], call["sdk"]) for call in calls] == [
        ("pypdfium2-extract-text", "pypdfium2"),
        ("gpt-4o-mini", "openai"),
    ]


def test_cli_dry_run_of_llm_then_img_gen_saves_the_images_as_files(tmp_path: Path) -> None:
    (tmp_path / "inputs.json").write_text(json.dumps({"topic": "a lighthouse"}))
    result = pipelex("run", str(DESCRIBE_THEN_DRAW), "--dry-run", "-o", "out", "-i", "inputs.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    main = json.loads((out / "main_result.json").read_text())
    assert main["concept"] == "native.Image[]"
    urls = [image["url"] for image in main["content"]]
    assert urls == ["media/illustrate-1.png", "media/illustrate-2.png"]
    assert all(png_size((out / url).read_bytes()) == (64, 64) for url in urls)
    assert (out / "main_result.md").read_text() == (
        "![image](media/illustrate-1.png)\n\n![image](media/illustrate-2.png)\n"
    )
    assert not list(tmp_path.glob(".out.*")), "no staging folder is left behind"


def test_python_dry_run_mocks_a_missing_document_with_a_real_pdf() -> None:
    px = Pipelex.load(EXTRACT_THEN_SUMMARIZE)
    output = px.run_sync("read_pages", dry_run=True)
    assert output.mocked_inputs == ["document"]
    (page,) = output.main_stuff.content  # type: ignore[misc]
    assert isinstance(page, PageValue)
    assert page.text.startswith("[dry run: mock PDF]")  # read from the mock PDF by pypdfium2, not made up


def test_python_live_run_of_local_extraction_needs_no_key(two_page_pdf: Path) -> None:
    output = Pipelex.load(EXTRACT_THEN_SUMMARIZE).run_sync("read_pages", inputs={"document": str(two_page_pdf)})
    assert [page.text for page in output.main_stuff.content] == ["Quarterly results are up", "Costs are down"]  # type: ignore[union-attr]
    (call,) = output.report.calls
    assert (call.backend, call.cost) == ("internal", 0.0)


def test_python_dry_run_of_img_gen_returns_images_then_saves_them(tmp_path: Path) -> None:
    output = Pipelex.load(DESCRIBE_THEN_DRAW).run_sync(inputs={"topic": "tea"}, dry_run=True)
    images = output.main_stuff.content
    assert isinstance(images, list)
    assert len(images) == 2
    assert all(isinstance(image, ImageValue) and image.mime_type == "image/png" for image in images)
    data, mime_type = decode_data_url(images[0].url)  # type: ignore[union-attr]
    assert (png_size(data), mime_type) == ((64, 64), "image/png")
    saved = save_output(output, tmp_path / "results")
    memory = json.loads((saved / "working_memory.json").read_text())
    assert memory["stuffs"]["pictures"]["content"][0]["url"] == "media/illustrate-1.png"
    assert sorted(path.name for path in (saved / "media").iterdir()) == ["illustrate-1.png", "illustrate-2.png"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("missing.pdf", "input `document`: no file at `missing.pdf`"),
        (".", "input `document`: `.` is not a file"),
        (42, "`PDF` is a file: give its path or URL as a string"),
    ],
)
def test_a_bad_document_input_is_named(given: object, expected: str) -> None:
    px = Pipelex.load(EXTRACT_THEN_SUMMARIZE)
    with pytest.raises(InputError) as caught:
        px.run_sync("read_pages", inputs={"document": given}, dry_run=True)
    assert expected in str(caught.value)


def test_an_image_input_must_be_an_image(tmp_path: Path, two_page_pdf: Path) -> None:
    plx = tmp_path / "scan.plx"
    plx.write_text(
        'domain = "scans"\n[pipe.read_scan]\ntype = "PipeExtract"\ndescription = "Read a scan"\n'
        'inputs = { scan = "Image" }\noutput = "Text"\n'
    )
    px = Pipelex.load(plx)
    with pytest.raises(InputError, match=r"input `scan`: `.*report\.pdf` is application/pdf, not an image"):
        px.run_sync(inputs={"scan": str(two_page_pdf)}, dry_run=True)
    # A mocked image reaches the default extractor, which reads PDFs only: said before anything runs.
    with pytest.raises(PipeRunError, match=r"model `pypdfium2-extract-text` cannot read image/png \(it reads: pdf\)"):
        px.run_sync(dry_run=True)


def test_text_output_joins_the_pages(tmp_path: Path, two_page_pdf: Path) -> None:
    plx = tmp_path / "text.plx"
    plx.write_text(
        'domain = "texts"\n[pipe.read_text]\ntype = "PipeOcr"\ndescription = "All the text"\n'
        'inputs = { document = "Document" }\noutput = "Text"\nocr_model = "pypdfium2-extract-text"\n'
    )
    output = Pipelex.load(plx).run_sync(inputs={"document": str(two_page_pdf)})
    assert output.main_text == "Quarterly results are up\n\nCosts are down"
