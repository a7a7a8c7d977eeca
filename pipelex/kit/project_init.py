"""`pipelex init`: write the default inference configuration into a project, never over existing files.

Every file is read from the kit with tomlkit and written back through it, so the comments that explain
each key are kept, and a file that would not parse is never written. ``.env.example`` lists the variables
of every backend, grouped by backend, saying which backends are enabled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from pipelex import __version__
from pipelex.engine.config_location import PROJECT_CONFIG_DIR, kit_inference_dir
from pipelex.exceptions import ConfigurationError

ENV_EXAMPLE = ".env.example"
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_HEADER = (
    "# Written by `pipelex init` (pipelex {version}). Edit freely: this project's .pipelex/ is used whole.\n"
    "# Reference: docs/configuration.md. Check it with `pipelex validate inference`.\n\n"
)


@dataclass(frozen=True)
class InitResult:
    written: list[Path]


def kit_dir() -> Path:
    """The kit's inference folder, the source of every file written."""
    return kit_inference_dir()


def planned_files(project_dir: Path) -> dict[Path, Path]:
    """Each kit file and where it goes in the project."""
    source_root = kit_dir()
    target_root = project_dir / PROJECT_CONFIG_DIR / "inference"
    return {source: target_root / source.relative_to(source_root) for source in sorted(source_root.rglob("*.toml"))}


def commented_toml(source: Path) -> str:
    """The text to write for the kit file ``source``: a header, then the file with its comments, via tomlkit.

    Raises:
        ConfigurationError: the kit file is not valid TOML (a packaging bug; nothing is written).
    """
    try:
        document = tomlkit.parse(source.read_text(encoding="utf-8"))
    except TOMLKitError as error:
        raise ConfigurationError(f"the default configuration file `{source}` is not valid TOML: {error}") from None
    return _HEADER.format(version=__version__) + tomlkit.dumps(document)


def env_example(backends_toml: str) -> str:
    """A `.env.example` listing the ``${VAR}`` names of every backend of ``backends_toml``, without values."""
    document = tomlkit.parse(backends_toml).unwrap()
    lines = [
        "# Variables read by .pipelex/inference/backends.toml. Copy this file to .env and fill in the keys of the",
        "# backends you use; a disabled backend needs none. Never commit .env.",
    ]
    seen: set[str] = set()
    for name, table in document.items():
        if not isinstance(table, dict):
            continue
        names = [var for var in _variables(table) if var not in seen]
        if not names:
            continue
        seen.update(names)
        state = "enabled" if table.get("enabled", True) is True else "disabled"
        lines.append("")
        lines.append(f"# {name} ({state} in backends.toml)")
        lines.extend(f"{var}=" for var in names)
    return "\n".join(lines) + "\n"


def _variables(table: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for value in table.values():
        if isinstance(value, str):
            names.extend(var for var in _ENV_REF.findall(value) if var not in names)
    return names


def init_project(project_dir: Path, *, force: bool = False) -> InitResult:
    """Write `.pipelex/inference/` and `.env.example` into ``project_dir``.

    Raises:
        ConfigurationError: a file would be overwritten and ``force`` is not set (nothing is written then).
    """
    plan = planned_files(project_dir)
    env_path = project_dir / ENV_EXAMPLE
    targets = [*plan.values(), env_path]
    existing = [path for path in targets if path.exists()]
    if existing and not force:
        shown = ", ".join(str(path) for path in existing[:3]) + (" …" if len(existing) > 3 else "")
        raise ConfigurationError(
            f"{len(existing)} file(s) already exist ({shown}): nothing written; use --force to replace them"
        )
    blocked = [path for path in targets if path.exists() and not path.is_file()]
    if blocked:
        raise ConfigurationError(f"`{blocked[0]}` exists and is not a file: nothing written")
    texts = {target: commented_toml(source) for source, target in plan.items()}
    texts[env_path] = env_example((kit_dir() / "backends.toml").read_text(encoding="utf-8"))
    try:
        for target, text in texts.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"could not write the configuration into `{project_dir}`: {error.strerror}") from None
    return InitResult(written=targets)
