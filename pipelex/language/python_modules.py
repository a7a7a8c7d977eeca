"""The Python modules of a library: pydantic structure classes and ``@pipe_func`` functions beside the .plx files.

Which files: under a directory given, every ``*.py`` (recursively); for a .plx file given, the ``*.py``
files of its own folder. Folders that hold no library code are skipped (hidden ones, ``__pycache__``,
virtual environments, ``node_modules``, ``site-packages``, ``build``, ``dist``, and ``tests``/``test``),
and so are ``setup.py``, ``conftest.py``, ``noxfile.py`` and test modules (``test_*.py``, ``*_test.py``).
A module is imported only when the .plx files need something from it: it must import ``pydantic`` or
``pipelex`` and mention a class a ``structure = "..."`` names or a function a PipeFunc calls that the
running program has not registered. A library that names none imports nothing, and an unrelated script
beside the .plx files (an app calling pipelex, say) is left alone.

Importing runs the module's code: that happens when the library is loaded or validated. Each file is
imported once per process, under a unique module name (a module the program already imported from the
same file is reused instead); while it is imported its folder is on ``sys.path``, so sibling modules can
import each other by name. A module that fails to import becomes a located diagnostic, never a traceback.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel

from pipelex.core.func_registry import FUNC_NAME_ATTRIBUTE
from pipelex.language import diagnostics as kinds
from pipelex.language.diagnostics import Diagnostic
from pipelex.language.source import SourceFile, Span

_SKIPPED_DIRS = frozenset({"__pycache__", "venv", "node_modules", "site-packages", "build", "dist", "tests", "test"})
_SKIPPED_FILES = frozenset({"setup.py", "conftest.py", "noxfile.py"})
_RELEVANT = re.compile(r"^\s*(?:from|import)\s+(?:pydantic|pipelex)\b", re.MULTILINE)
_MODULE_PREFIX = "_pipelex_library_"


@dataclass
class PythonModules:
    """What the library's Python modules define.

    Attributes:
        files: the modules imported, as paths the user would spell them.
        classes: pydantic models defined in them, by class name (the first one found wins).
        functions: ``@pipe_func`` functions defined in them, by registered name.
        sources: the text of each module, to show diagnostics in.
        diagnostics: modules that failed to import, duplicate function names.
    """

    files: list[str] = field(default_factory=list)
    classes: dict[str, type[BaseModel]] = field(default_factory=dict)
    functions: dict[str, Callable[..., Any]] = field(default_factory=dict)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def find_python_files(paths: Sequence[str]) -> list[str]:
    """The library modules for ``paths`` (see the module docstring for which ones)."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(str(item) for item in _walk(path))
        elif path.is_file():
            folder = path.parent
            candidates = sorted(folder.glob("*.py"))
            found.extend(str(item) for item in candidates if _is_library_module(item.relative_to(folder)))
    return list(dict.fromkeys(found))


def _walk(root: Path) -> list[Path]:
    """The library modules below ``root``, never descending into skipped folders (a .venv can be huge)."""
    modules: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not (name.startswith(".") or name in _SKIPPED_DIRS))
        base = Path(folder)
        modules.extend(base / name for name in sorted(files) if name.endswith(".py"))
    return [item for item in modules if _is_library_module(item.relative_to(root))]


def _is_library_module(relative: Path) -> bool:
    folders = relative.parts[:-1]
    if any(part.startswith(".") or part in _SKIPPED_DIRS for part in folders):
        return False
    name = relative.name
    return not (name in _SKIPPED_FILES or name.startswith("test_") or name.endswith("_test.py"))


def load_python_modules(paths: Sequence[str], needed: set[str] | None = None) -> PythonModules:
    """Import the library modules for ``paths`` and collect their structure classes and functions.

    With ``needed`` (the class and function names the .plx files use and nothing registered yet), only the
    modules whose text mentions one of those names are imported, and none when nothing is needed: checking a
    pipeline never runs an unrelated script that sits beside it.
    """
    result = PythonModules()
    if needed is not None and not needed:
        return result
    mentions = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, needed))) + r")\b") if needed else None
    imported = _ImportedModules()
    for file in find_python_files(paths):
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            message = f"cannot read the Python module `{file}`: {getattr(error, 'strerror', None) or error}"
            result.diagnostics.append(Diagnostic(kinds.PYTHON_MODULE_ERROR, message, file))
            continue
        if not _RELEVANT.search(text) or (mentions is not None and not mentions.search(text)):
            continue
        source = SourceFile(file, text)
        result.sources[file] = source
        result.files.append(file)
        module = imported.get(Path(file).resolve()) or _import(source, result)
        if module is not None:
            _collect(module, source, result)
    return result


class _ImportedModules:
    """Modules already imported, by resolved file path, so that none is imported twice.

    Refreshed when ``sys.modules`` grew: a module imported by a sibling (``from models import X``) must be
    found again by its file rather than imported a second time.
    """

    def __init__(self) -> None:
        self._by_file: dict[str, ModuleType] = {}
        self._seen = -1

    def get(self, resolved: Path) -> ModuleType | None:
        if len(sys.modules) != self._seen:
            self._by_file.clear()
            for module in list(sys.modules.values()):
                location = getattr(module, "__file__", None)
                if isinstance(location, str) and location.endswith(".py"):
                    self._by_file.setdefault(str(Path(location).resolve()), module)
            self._seen = len(sys.modules)
        return self._by_file.get(str(resolved))


def _module_name(resolved: Path) -> str:
    digest = hashlib.sha1(str(resolved).encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    stem = re.sub(r"\W", "_", resolved.stem)
    return f"{_MODULE_PREFIX}{digest}_{stem}"


def _import(source: SourceFile, result: PythonModules) -> ModuleType | None:
    resolved = Path(source.path).resolve()
    name = _module_name(resolved)
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:
        result.diagnostics.append(Diagnostic(kinds.PYTHON_MODULE_ERROR, f"cannot import `{source.path}`", source.path))
        return None
    module = importlib.util.module_from_spec(spec)
    alias = _sibling_alias(resolved)
    sys.modules[name] = module
    if alias is not None:
        sys.modules[alias] = module
    folder = str(resolved.parent)
    sys.path.insert(0, folder)
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as error:  # user code: anything can happen, and it must not escape
        sys.modules.pop(name, None)
        if alias is not None and sys.modules.get(alias) is module:
            del sys.modules[alias]
        result.diagnostics.append(_import_failure(source, resolved, error))
        return None
    finally:
        if folder in sys.path:
            sys.path.remove(folder)
    return module


def _sibling_alias(resolved: Path) -> str | None:
    """The plain name siblings import this module by, when that name is free (never a stdlib or installed one)."""
    stem = resolved.stem
    if not stem.isidentifier() or stem in sys.modules or stem in sys.stdlib_module_names:
        return None
    try:
        found = importlib.util.find_spec(stem)
    except (ImportError, ValueError):
        return None
    if found is not None and (found.origin is None or Path(found.origin).resolve() != resolved):
        return None
    return stem


def _import_failure(source: SourceFile, resolved: Path, error: BaseException) -> Diagnostic:
    line: int | None = None
    column: int | None = None
    if isinstance(error, SyntaxError) and error.filename and Path(error.filename).resolve() == resolved:
        line, column = error.lineno, error.offset or 1
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == str(resolved)]
        if frames:
            line = frames[-1].lineno
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if isinstance(error, SyntaxError):
        what = f"SyntaxError: {error.msg}"
    return Diagnostic(
        kinds.PYTHON_MODULE_ERROR,
        f"the Python module `{source.path}` failed to import: {what}",
        source.path,
        _line_span(source, line, column) if line else None,
        label="raised here" if not isinstance(error, SyntaxError) else "invalid syntax",
        help="fix the module: it is imported when the library is loaded, for its structure classes and functions",
    )


def _line_span(source: SourceFile, line: int, column: int | None) -> Span:
    """Line ``line`` from ``column`` (1-based; ``None``: from its first non-blank character) to its end."""
    lines = source.text.split("\n")
    line = max(1, min(line, len(lines)))
    start = sum(len(item) + 1 for item in lines[: line - 1])
    text = source.line_text(line)
    first = column - 1 if column is not None else len(text) - len(text.lstrip())
    first = max(0, min(first, len(text)))
    return source.span(start + first, start + max(len(text), first + 1))


def _collect(module: ModuleType, source: SourceFile, result: PythonModules) -> None:
    for attribute, value in vars(module).items():
        if getattr(value, "__module__", None) != module.__name__:
            continue  # imported from elsewhere: it belongs to the module that defines it
        if isinstance(value, type) and issubclass(value, BaseModel):
            result.classes.setdefault(attribute, value)
            continue
        registered = getattr(value, FUNC_NAME_ATTRIBUTE, None) if callable(value) else None
        if not isinstance(registered, str):
            continue
        previous = result.functions.get(registered)
        if previous is not None and previous is not value:
            code = getattr(value, "__code__", None)
            line = code.co_firstlineno if code is not None else None
            result.diagnostics.append(
                Diagnostic(
                    kinds.DUPLICATE_DEFINITION,
                    f"function `{registered}` is registered twice by the library's Python modules",
                    source.path,
                    _line_span(source, line, None) if line else None,
                    label="second registration",
                    help=f"the first one is in `{previous.__module__}`; give one of them another name "
                    "with @pipe_func(name=...)",
                )
            )
            continue
        result.functions[registered] = value
