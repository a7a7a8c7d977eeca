domain = "reviews"
description = "Reading a field of a list instead of its items"

[concept.Review]
description = "A product review"

[concept.Review.structure]
score = { type = "integer", description = "From 1 to 5" }
comment = "What the customer said"

[pipe.summarize_scores]
type = "PipeCompose"
description = "List the scores"
inputs = { reviews = "Review[]" }
output = "Text"
template = "Scores: $reviews.score"

[pipe.summarize_scores_fixed]
type = "PipeCompose"
description = "List the scores, one per item"
inputs = { reviews = "Review[]" }
output = "Text"
template = "Scores: {% for review in reviews %}{{ review.score }} {% endfor %}"
