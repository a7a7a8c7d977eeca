"""`pipelex init`: write the default inference configuration into a project, never over existing files."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from pipelex.exceptions import ConfigurationError

PROJECT_CONFIG_DIR = ".pipelex"
ENV_EXAMPLE = ".env.example"
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class InitResult:
    written: list[Path]


def kit_dir() -> Path:
    return Path(str(files("pipelex") / "kit" / "inference"))


def planned_files(project_dir: Path) -> dict[Path, Path]:
    """Each kit file and where it goes in the project."""
    source_root = kit_dir()
    target_root = project_dir / PROJECT_CONFIG_DIR / "inference"
    return {source: target_root / source.relative_to(source_root) for source in sorted(source_root.rglob("*.toml"))}


def env_example(plan: dict[Path, Path]) -> str:
    """A `.env.example` naming every variable the configuration reads, without values."""
    names = sorted(
        {
            name
            for source in plan
            for line in source.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")
            for name in _ENV_REF.findall(line)
        }
    )
    lines = ["# Variables read by .pipelex/inference/backends.toml. Copy to .env and fill in what you use."]
    lines.extend(f"{name}=" for name in names)
    return "\n".join(lines) + "\n"


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
    try:
        for source, target in plan.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        env_path.write_text(env_example(plan), encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"could not write the configuration into `{project_dir}`: {error.strerror}") from None
    return InitResult(written=targets)
