domain = "reports"

[pipe.render_report]
type = "PipeCompose"
description = "Render a weekly report as Markdown"
inputs = { highlights = "Text", blockers = "Text" }
output = "Text"

[pipe.render_report.template]
category = "md"
template = """
# Weekly report

## Highlights
$highlights

## Blockers
$blockers
"""
