domain = "feedback"

[concept]
Review = "A customer review"
Sentiment = "The sentiment of a review"

[pipe.rate_review]
type = "PipeLLM"
description = "Rate the sentiment of one review"
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
input_item_name = "product"
