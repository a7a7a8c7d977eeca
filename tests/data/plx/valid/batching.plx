domain = "feedback"
description = "Running a pipe once per item: batch_over/batch_as in a sequence, and PipeBatch"

[concept]
Review = "A customer review"
Sentiment = "The sentiment of a review"

[pipe.rate_review]
type = "PipeLLM"
description = "Rate the sentiment of one review of a product"
inputs = { review = "Review", product = "Text" }
output = "Sentiment"
prompt = "Is this review of $product positive or negative? @review"

[pipe.rate_all]
type = "PipeBatch"
description = "Rate every review"
inputs = { reviews = "Review[]", product = "Text" }
output = "Sentiment[]"
branch_pipe_code = "rate_review"
input_list_name = "reviews"
input_item_name = "review"

[pipe.rate_and_summarize]
type = "PipeSequence"
description = "Rate every review, then summarize the ratings"
inputs = { reviews = "Review[]", product = "Text" }
output = "Text"
steps = [
    { pipe = "rate_review", batch_over = "reviews", batch_as = "review", result = "sentiments" },
    { pipe = "summarize_sentiments", result = "summary" },
]

[pipe.summarize_sentiments]
type = "PipeLLM"
description = "Summarize the sentiments"
inputs = { sentiments = "Sentiment[]" }
output = "Text"
prompt = "Summarize these sentiments in one sentence: @sentiments"
