"""What ``pipelex run`` shows on stderr while and after running: a progress bar and the report table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipelex.reporting.run_report import RunReport


class RichProgress:
    """One bar per label (each batch step, and the model calls), on ``console``; satisfies ProgressProtocol."""

    def __init__(self, console: Console) -> None:
        self.bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._tasks: dict[str, TaskID] = {}

    def add_work(self, label: str, count: int) -> None:
        task = self._tasks.get(label)
        if task is None:
            self._tasks[label] = self.bars.add_task(label, total=count)
        else:
            total = self.bars.tasks[task].total or 0
            self.bars.update(task, total=total + count)

    def work_done(self, label: str) -> None:
        task = self._tasks.get(label)
        if task is not None:
            self.bars.advance(task)


@contextmanager
def progress_on(console: Console, *, enabled: bool) -> Iterator[RichProgress | None]:
    """A live progress display while the block runs, when ``enabled`` and ``console`` is a terminal."""
    if not enabled or not console.is_terminal:
        yield None
        return
    progress = RichProgress(console)
    with progress.bars:
        yield progress


def report_table(report: RunReport, *, dry_run: bool) -> Table:
    """The model calls per pipe and model, and the totals."""
    title = (
        "run report"
        + (" (dry run: models mocked)" if dry_run else "")
        + (" — interrupted" if report.interrupted else "")
    )
    table = Table(title=title, title_justify="left", show_footer=True)
    rows = report.by_pipe()
    input_tokens, output_tokens = report.total_tokens
    known = report.is_complete
    columns = [
        ("pipe", "total", "left"),
        ("model", "", "left"),
        ("backend", "", "left"),
        ("calls", str(len(report.calls)), "right"),
        ("tokens in", str(input_tokens) if known else "?", "right"),
        ("tokens out", str(output_tokens) if known else "?", "right"),
        ("cost", _money(report.total_cost) if known else "?", "right"),
        ("time", _seconds(report.wall_time_s) if report.wall_time_s is not None else "", "right"),
        ("retries", str(report.total_retries), "right"),
    ]
    for header, footer, justify in columns:
        table.add_column(header, footer=footer, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            row.pipe,
            row.model,
            row.backend,
            str(row.calls),
            _count(row.input_tokens),
            _count(row.output_tokens),
            _money(row.cost) if row.cost is not None else "?",
            _seconds(row.duration_s),
            str(row.retries),
        )
    return table


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def _money(value: float) -> str:
    return f"${value:.4f}" if value < 100 else f"${value:,.2f}"


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
