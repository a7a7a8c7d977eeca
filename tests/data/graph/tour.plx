domain = "tour"
description = "Every controller in one pipeline, to draw its graph"
main_pipe = "handle"

[concept]
Review = "A customer review"
Sentiment = "The sentiment of a review"

[concept.Ticket]
description = "A support ticket"

[concept.Ticket.structure]
category = { type = "text", choices = ["bug", "question"] }
body = "What the user wrote"

[pipe.handle]
type = "PipeSequence"
description = "Route the ticket, look at it twice, rate the reviews, report"
inputs = { ticket = "Ticket", reviews = "Review[]" }
output = "Text"
steps = [
    { pipe = "route", result = "routed" },
    { pipe = "both", result = "views" },
    { pipe = "rate_review", batch_over = "reviews", batch_as = "review", result = "sentiments" },
    { pipe = "rate_all", result = "rated" },
    { pipe = "report", result = "report" },
]

[pipe.route]
type = "PipeCondition"
description = "Route by category"
inputs = { ticket = "Ticket" }
output = "Text"
expression = "ticket.category"
default_outcome = "answer"
outcomes = { bug = "file_bug", question = "answer" }

[pipe.file_bug]
type = "PipeCompose"
description = "File a bug"
inputs = { ticket = "Ticket" }
output = "Text"
template = "BUG: $ticket.body"

[pipe.answer]
type = "PipeLLM"
description = "Answer a question"
inputs = { ticket = "Ticket" }
output = "Text"
prompt = "Answer this question: $ticket.body"

[pipe.both]
type = "PipeParallel"
description = "Summarize and reply at once"
inputs = { ticket = "Ticket" }
output = "Text"
branches = [
    { pipe = "summarize", result = "summary" },
    { pipe = "reply", result = "reply" },
]

[pipe.summarize]
type = "PipeLLM"
description = "Summarize the ticket"
inputs = { ticket = "Ticket" }
output = "Text"
prompt = "Summarize: $ticket.body"

[pipe.reply]
type = "PipeLLM"
description = "Reply to the ticket"
inputs = { ticket = "Ticket" }
output = "Text"
prompt = "Reply to: $ticket.body"

[pipe.rate_review]
type = "PipeLLM"
description = "Rate one review"
inputs = { review = "Review" }
output = "Sentiment"
prompt = "Is this review positive or negative? @review"

[pipe.rate_all]
type = "PipeBatch"
description = "Rate every review again"
inputs = { reviews = "Review[]" }
output = "Sentiment[]"
branch_pipe_code = "rate_review"
input_list_name = "reviews"
input_item_name = "review"

[pipe.report]
type = "PipeCompose"
description = "The report"
inputs = { routed = "Text", views = "Text", sentiments = "Sentiment[]", rated = "Sentiment[]" }
output = "Text"
template = """
Routed: $routed
Views: $views
{% for s in sentiments %}- {{ s }}
{% endfor %}{{ rated | length }} rated
"""
