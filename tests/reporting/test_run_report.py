from __future__ import annotations

from pipelex.reporting.reporting_protocol import InferenceReport
from pipelex.reporting.run_report import RunReport


def _call(input_tokens: int | None, output_tokens: int | None, cost: float | None) -> InferenceReport:
    return InferenceReport("pipe", "gpt-4o-mini", "openai", "openai", input_tokens, output_tokens, cost, 0.1)


def test_totals_add_up_when_every_call_is_known() -> None:
    report = RunReport()
    report.report_inference(_call(10, 2, 0.001))
    report.report_inference(_call(5, 1, 0.002))
    assert report.to_json()["totals"] == {"calls": 2, "input_tokens": 15, "output_tokens": 3, "cost": 0.003}


def test_totals_are_unknown_when_a_call_is() -> None:
    report = RunReport()
    report.report_inference(_call(10, 2, 0.001))
    report.report_inference(_call(None, None, None))
    assert report.to_json()["totals"] == {"calls": 2, "input_tokens": None, "output_tokens": None, "cost": None}
    assert not report.is_complete
