domain = "broken"

[concept.Report]
description = "A report whose class lives in a module that fails to import"
structure = "ReportModel"

[pipe.write_report]
type = "PipeFunc"
description = "Write a report"
inputs = { topic = "Text" }
output = "Report"
function_name = "broken_write_report"
