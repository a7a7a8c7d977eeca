"""Saving a run's results without ever leaving a half-written output.

Files are written into a hidden staging folder beside the target, then moved into place: a new
folder is renamed in one step; in an existing folder each file is replaced in one step.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelex.core.stuff import render_text
from pipelex.core.working_memory import WorkingMemory
from pipelex.engine.graph_files import GRAPH_HTML, GRAPH_MERMAID, run_graph_files
from pipelex.engine.media_files import MediaFiles
from pipelex.engine.pipe_output import PipeOutput
from pipelex.exceptions import OutputError

MAIN_RESULT_JSON = "main_result.json"
MAIN_RESULT_TEXT = "main_result.md"
WORKING_MEMORY_JSON = "working_memory.json"
RUN_REPORT_JSON = "run_report.json"


def default_output_dir(base: Path, pipe_code: str) -> Path:
    """``base/<pipe_code>-<timestamp>``, made unique with a suffix when needed."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = base / f"{pipe_code}-{stamp}"
    index = 2
    while candidate.exists():
        candidate = base / f"{pipe_code}-{stamp}-{index}"
        index += 1
    return candidate


RESULT_FILES = (MAIN_RESULT_JSON, MAIN_RESULT_TEXT, WORKING_MEMORY_JSON, RUN_REPORT_JSON, GRAPH_MERMAID, GRAPH_HTML)


def check_output_dir(target: Path) -> None:
    """Fail before the run, not after it, when ``target`` cannot receive the results.

    Raises:
        OutputError: ``target`` is a file, holds a folder where a result file goes, or cannot be created.
    """
    if target.exists():
        if not target.is_dir():
            raise OutputError(f"cannot save results to `{target}`: it exists and is not a folder")
        for name in RESULT_FILES:
            if (target / name).exists() and not (target / name).is_file():
                raise OutputError(f"cannot save results to `{target}`: `{target / name}` exists and is not a file")
        if not os.access(target, os.W_OK | os.X_OK):
            raise OutputError(f"cannot save results to `{target}`: the folder is not writable")
        return
    ancestor = target.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"cannot save results to `{target}`: `{ancestor}` is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputError(f"cannot save results to `{target}`: `{ancestor}` is not writable")


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_output(output: PipeOutput, target: Path, *, graph: bool = True) -> Path:
    """Write the main result, the working memory, the run report, media files (images …) and, unless
    ``graph`` is false, the graph of the run (``graph.mmd``, ``graph.html``) into ``target``.
    """
    media = MediaFiles()
    main_json = media.externalize(output.main_stuff.to_json(), output.main_stuff.name)
    memory_json = output.working_memory.to_json()
    memory_json["stuffs"] = {name: media.externalize(item, name) for name, item in memory_json["stuffs"].items()}
    files: dict[str, str | bytes] = {
        MAIN_RESULT_JSON: _dump(main_json),
        MAIN_RESULT_TEXT: render_text(main_json["content"]) + "\n",
        WORKING_MEMORY_JSON: _dump(memory_json),
        RUN_REPORT_JSON: _dump(
            {
                "pipe": output.pipe_code,
                "dry_run": output.dry_run,
                "mocked_inputs": output.mocked_inputs,
                **output.report.to_json(),
            }
        ),
    }
    files.update(media.files)
    if graph:
        files.update(run_graph_files(output, memory_json["stuffs"]))
    return _write_files(files, target)


def save_interrupted(memory: WorkingMemory, report_json: dict[str, Any], target: Path) -> Path:
    """Write what an interrupted run finished: its working memory (with media files) and its report.

    There is no main result; ``report_json`` says ``"interrupted": true``.
    """
    media = MediaFiles()
    memory_json = memory.to_json()
    memory_json["stuffs"] = {name: media.externalize(item, name) for name, item in memory_json["stuffs"].items()}
    files: dict[str, str | bytes] = {WORKING_MEMORY_JSON: _dump(memory_json), RUN_REPORT_JSON: _dump(report_json)}
    files.update(media.files)
    return _write_files(files, target)


_RESULT_NAMES = ("main_result.json", "main_result.md", "working_memory.json", "run_report.json", "graph.mmd")
_RESULT_NAMES_MORE = ("graph.html", "media")


def _remove_stale_results(target: Path, files: dict[str, str | bytes]) -> None:
    """Results of an earlier run into the same folder that this run does not write again (never other files)."""
    written_tops = {name.split("/", 1)[0] for name in files}
    for name in (*_RESULT_NAMES, *_RESULT_NAMES_MORE):
        if name in written_tops and name != "media":
            continue
        stale = target / name
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        elif stale.exists() or stale.is_symlink():
            stale.unlink(missing_ok=True)


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _apply_umask(staging: Path) -> None:
    """``mkdtemp`` makes a private folder; results get the modes the user's umask gives new files."""
    mask = current_umask()
    for path in [staging, *staging.rglob("*")]:
        path.chmod((0o777 if path.is_dir() else 0o666) & ~mask)


def _write_files(files: dict[str, str | bytes], target: Path) -> Path:
    check_output_dir(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    except OSError as error:
        raise OutputError(f"cannot save results to `{target}`: {error.strerror}") from None
    try:
        for name, content in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                (staging / name).write_bytes(content)
            else:
                (staging / name).write_text(content, encoding="utf-8")
        _apply_umask(staging)
        if not target.exists():
            os.rename(staging, target)
            return target
        _remove_stale_results(target, files)
        for name in files:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target / name)
    except OSError as error:
        raise OutputError(f"cannot save results to `{target}`: {error.strerror}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
