from __future__ import annotations

from pipelex.reporting.reporting_protocol import InferenceReport
from pipelex.reporting.run_report import RunReport


def _call(input_tokens: int | None, output_tokens: int | None, cost: float | None) -> InferenceReport:
    return InferenceReport("pipe", "gpt-4o-mini", "openai", "openai", input_tokens, output_tokens, cost, 0.1)


def test_totals_add_up_when_every_call_is_known() -> None:
    report = RunReport()
    report.report_inference(_call(10, 2, 0.001))
    report.report_inference(_call(5, 1, 0.002))
    assert report.to_json()["totals"] == {
        "calls": 2,
        "input_tokens": 15,
        "output_tokens": 3,
        "cost": 0.003,
        "retries": 0,
        "call_time_s": 0.2,
    }


def test_totals_are_unknown_when_a_call_is() -> None:
    report = RunReport()
    report.report_inference(_call(10, 2, 0.001))
    report.report_inference(_call(None, None, None))
    totals = report.to_json()["totals"]
    assert (totals["input_tokens"], totals["output_tokens"], totals["cost"]) == (None, None, None)
    assert not report.is_complete


def test_calls_are_added_up_per_pipe_and_printed_as_a_table() -> None:
    from rich.console import Console

    from pipelex.cli.run_display import report_table

    report = RunReport()
    report.report_inference(InferenceReport("draft", "gpt-4o", "openai", "openai", 100, 20, 0.0005, 0.5, retries=1))
    report.report_inference(InferenceReport("draft", "gpt-4o", "openai", "openai", 50, 10, 0.00025, 0.25))
    report.report_inference(InferenceReport("review", "gpt-4o-mini", "openai", "openai", 10, 2, 0.00001, 0.1))
    report.wall_time_s = 0.6
    by_pipe = report.to_json()["by_pipe"]
    assert by_pipe[0] == {
        "pipe": "draft",
        "model": "gpt-4o",
        "backend": "openai",
        "calls": 2,
        "input_tokens": 150,
        "output_tokens": 30,
        "cost": 0.00075,
        "duration_s": 0.75,
        "retries": 1,
    }
    assert report.to_json()["totals"]["retries"] == 1
    console = Console(width=120, record=True, color_system=None)
    console.print(report_table(report, dry_run=False))
    text = console.export_text()
    assert "│ draft  │ gpt-4o      │ openai  │     2 │       150 │         30 │ $0.0008 │ 750 ms │       1 │" in text
    assert "│ total  │             │         │     3 │       160 │         32 │ $0.0008 │ 600 ms │       1 │" in text


def test_interrupted_reports_say_so() -> None:
    report = RunReport()
    report.interrupted = True
    assert report.to_json()["interrupted"] is True
