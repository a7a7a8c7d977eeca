domain = "tour"
description = "Every pipe type in one pipeline: read a report, summarize it, react, illustrate"
main_pipe = "tour"

[concept.Summary]
description = "A summary of a report"

[concept.Summary.structure]
title = "A short title"
tone = { type = "text", description = "How the report sounds", choices = ["good", "bad"] }

[pipe.tour]
type = "PipeSequence"
description = "The whole tour"
inputs = { report = "Document", topics = "Text[]" }
output = "Text"
steps = [
    { pipe = "read_report", result = "pages" },
    { pipe = "summarize", result = "summary" },
    { pipe = "react", result = "reaction" },
    { pipe = "two_views", result = "views" },
    { pipe = "illustrate", result = "pictures" },
    { pipe = "wrap_up", result = "note" },
]

[pipe.read_report]
type = "PipeExtract"
description = "Read the pages of the report (locally, with pypdfium2)"
inputs = { report = "Document" }
output = "Page[]"

[pipe.summarize]
type = "PipeLLM"
description = "Summarize the pages"
inputs = { pages = "Page[]" }
output = "Summary"
model = "gpt-4o-mini"
prompt = "Summarize this report:\n@pages"

[pipe.react]
type = "PipeCondition"
description = "Cheer or worry, depending on the tone"
inputs = { summary = "Summary" }
output = "Text"
expression = "summary.tone"
outcomes = { good = "cheer" }
default_outcome = "worry"

[pipe.cheer]
type = "PipeCompose"
description = "Good news"
inputs = { summary = "Summary" }
output = "Text"
template = "Good news: $summary.title"

[pipe.worry]
type = "PipeFunc"
description = "Bad news, written by a Python function"
inputs = { summary = "Summary" }
output = "Text"
function_name = "tour_worry"

[pipe.two_views]
type = "PipeParallel"
description = "A short and a long view, side by side"
inputs = { summary = "Summary" }
output = "Text"
branches = [
    { pipe = "short_view", result = "short" },
    { pipe = "long_view", result = "long" },
]

[pipe.short_view]
type = "PipeLLM"
description = "One line"
inputs = { summary = "Summary" }
output = "Text"
model = "gpt-4o-mini"
prompt = "In one line: $summary.title"

[pipe.long_view]
type = "PipeCompose"
description = "A paragraph"
inputs = { summary = "Summary" }
output = "Text"
template = "The report, titled $summary.title, sounds $summary.tone."

[pipe.illustrate]
type = "PipeBatch"
description = "One picture per topic"
inputs = { topics = "Text[]" }
output = "Image[]"
branch_pipe_code = "draw"
input_list_name = "topics"
input_item_name = "topic"

[pipe.draw]
type = "PipeImgGen"
description = "Draw a topic"
inputs = { topic = "Text" }
output = "Image"
prompt = "A simple drawing of $topic"

[pipe.wrap_up]
type = "PipeCompose"
description = "Put it together"
inputs = { reaction = "Text", views = "Text", pictures = "Image[]" }
output = "Text"
template = """
$reaction
$views
{{ pictures | length }} pictures
"""
