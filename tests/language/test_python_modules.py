"""The Python modules of a library: which files, imported once, what they define, and located import failures."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelex.language.diagnostic_render import render_concise
from pipelex.language.library_loader import load_library
from pipelex.language.python_modules import find_python_files, load_python_modules

DATA = Path(__file__).resolve().parent.parent / "data" / "plx"
PYTHON_LIBRARY = DATA / "python_library"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_which_files_are_library_modules(tmp_path: Path) -> None:
    for name in ("models.py", "sub/funcs.py", "tests/test_x.py", "test_y.py", "y_test.py", "setup.py", "conftest.py"):
        _write(tmp_path / name, "")
    for folder in (".venv", "__pycache__", ".hidden", "node_modules", "build"):
        _write(tmp_path / folder / "m.py", "")
    _write(tmp_path / "lib.plx", "")
    found = [Path(path).relative_to(tmp_path).as_posix() for path in find_python_files([str(tmp_path)])]
    assert found == ["models.py", "sub/funcs.py"]
    beside_a_file = find_python_files([str(tmp_path / "lib.plx")])
    assert [Path(path).name for path in beside_a_file] == ["models.py"]  # its folder only, not below


def test_classes_and_functions_of_the_library_are_collected() -> None:
    modules = load_python_modules([str(PYTHON_LIBRARY)])
    assert not modules.diagnostics
    assert "InvoiceFacts" in modules.classes
    assert set(modules.functions) == {"fixture_parse_invoice", "fixture_shout", "fixture_line_counts"}
    assert modules.functions["fixture_parse_invoice"].__name__ == "parse_invoice"  # registered under its name=
    funcs_module = sys.modules[modules.functions["fixture_parse_invoice"].__module__]
    assert funcs_module.InvoiceFacts is modules.classes["InvoiceFacts"]  # one class, though a sibling imported it


def test_each_module_is_imported_once(tmp_path: Path) -> None:
    counter = "import builtins\n\nimport pydantic\n\nbuiltins._pipelex_imports = getattr(builtins, '_pipelex_imports', 0) + 1\n"
    _write(tmp_path / "counted.py", counter)
    load_python_modules([str(tmp_path)])
    load_python_modules([str(tmp_path)])
    import builtins

    assert builtins._pipelex_imports == 1  # type: ignore[attr-defined]
    del builtins._pipelex_imports  # type: ignore[attr-defined]


def test_modules_that_use_neither_pydantic_nor_pipelex_are_left_alone(tmp_path: Path) -> None:
    _write(tmp_path / "script.py", "raise SystemExit('a script that must not run')\n")
    modules = load_python_modules([str(tmp_path)])
    assert modules.files == []
    assert modules.diagnostics == []


def test_a_module_the_program_already_imported_is_reused(tmp_path: Path) -> None:
    _write(
        tmp_path / "already_here_models.py", "from pydantic import BaseModel\n\n\nclass Thing(BaseModel):\n    x: int\n"
    )
    sys.path.insert(0, str(tmp_path))
    try:
        import already_here_models  # type: ignore[import-not-found]

        modules = load_python_modules([str(tmp_path)])
        assert modules.classes["Thing"] is already_here_models.Thing
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("already_here_models", None)


def test_a_module_that_raises_is_a_located_diagnostic() -> None:
    library = load_library([str(DATA / "broken_module")])
    lines = [render_concise(diagnostic) for diagnostic in library.sorted_diagnostics()]
    failure = next(line for line in lines if "PLX0113" in line)
    assert failure.startswith(f"{DATA / 'broken_module' / 'report_models.py'}:12:1: error[PLX0113]")
    assert "KeyError: 'width'" in failure
    assert any("warning[PLX0208]" in line for line in lines)  # its class is then missing
    assert not library.ok


CALLS_F = """domain = "x"

[pipe.call_f]
type = "PipeFunc"
description = "Call f"
inputs = { x = "Text" }
output = "Text"
function_name = "f"
"""


def test_scripts_are_not_run_when_the_plx_files_need_no_python(tmp_path: Path) -> None:
    _write(tmp_path / "lib.plx", 'domain = "x"\n')
    _write(tmp_path / "main.py", "import pipelex\n\nraise SystemExit('an app script must not run at validate time')\n")
    library = load_library([str(tmp_path / "lib.plx")])
    assert library.ok
    assert library.diagnostics == []


def test_only_modules_mentioning_a_needed_name_are_imported(tmp_path: Path) -> None:
    _write(tmp_path / "lib.plx", CALLS_F)
    _write(
        tmp_path / "funcs.py", "from pipelex import pipe_func\n\n\n@pipe_func\ndef f(x: str) -> str:\n    return x\n"
    )
    _write(tmp_path / "app.py", "import pipelex\n\nraise SystemExit('an app script must not run at validate time')\n")
    library = load_library([str(tmp_path)])
    assert library.ok, library.diagnostics
    assert [Path(file).name for file in library.python.files] == ["funcs.py"]


def test_a_syntax_error_points_at_its_line_and_column(tmp_path: Path) -> None:
    _write(tmp_path / "lib.plx", CALLS_F.replace('"f"', '"f_broken"'))
    _write(
        tmp_path / "funcs.py",
        "from pipelex import pipe_func\n\n\n@pipe_func\ndef f_broken(x: str) -> str\n    return x\n",
    )
    library = load_library([str(tmp_path)])
    [diagnostic] = [item for item in library.diagnostics if item.kind.name == "python_module_error"]
    assert diagnostic.kind.name == "python_module_error"
    assert diagnostic.span is not None
    assert (diagnostic.span.line, diagnostic.span.column) == (5, 28)  # after `def f_broken(x: str) -> str`
    assert "SyntaxError" in diagnostic.message
    assert str(tmp_path / "funcs.py") in library.sources


def test_a_function_registered_twice_by_the_library_is_reported(tmp_path: Path) -> None:
    code = "from pipelex import pipe_func\n\n\n@pipe_func(name='twice_registered')\ndef f() -> str:\n    return ''\n"
    _write(tmp_path / "a_funcs.py", code)
    _write(tmp_path / "b_funcs.py", code)
    modules = load_python_modules([str(tmp_path)])
    [diagnostic] = modules.diagnostics
    assert diagnostic.kind.name == "duplicate_definition"
    assert diagnostic.file.endswith("b_funcs.py")
    assert diagnostic.span is not None
    assert diagnostic.span.line == 4  # the decorated definition


def test_the_fields_of_a_structure_class_are_known_to_the_checks(tmp_path: Path) -> None:
    _write(tmp_path / "shapes.py", "from pydantic import BaseModel\n\n\nclass Square(BaseModel):\n    side: float\n")
    _write(
        tmp_path / "shapes.plx",
        'domain = "shapes"\n[concept.Square]\ndescription = "s"\nstructure = "Square"\n\n'
        '[pipe.show]\ntype = "PipeCompose"\ndescription = "d"\ninputs = { square = "Square" }\noutput = "Text"\n'
        'template = "$square.side and $square.sides"\n',
    )
    library = load_library([str(tmp_path)])
    [diagnostic] = library.diagnostics
    assert diagnostic.kind.name == "unknown_concept_field"
    assert diagnostic.message == "`square` is a `Square`, which has no field `sides` (fields: side)"
    concept = library.concepts.get("shapes.Square")
    assert concept is not None
    assert concept.content_model().__name__ == "Square"
