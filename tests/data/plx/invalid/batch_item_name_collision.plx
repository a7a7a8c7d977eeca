domain = "feedback"

[concept]
Review = "A customer review"
Sentiment = "The sentiment of a review"

[pipe.rate_review]
type = "PipeLLM"
description = "Rate the sentiment of one review"
inputs = { reviews = "Review" }
output = "Sentiment"
prompt = "Is this review positive or negative? @reviews"

[pipe.rate_all]
type = "PipeSequence"
description = "Rate every review"
inputs = { reviews = "Review[]" }
output = "Sentiment[]"
steps = [
    { pipe = "rate_review", batch_over = "reviews", batch_as = "reviews", result = "sentiments" },
]
