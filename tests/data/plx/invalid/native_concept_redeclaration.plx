domain = "customer_feedback"

[concept]
CustomerReview = "A single customer review"
Document = "A document with many customer reviews"

[concept.Text]
description = "Plain text"

[pipe.extract_reviews]
type = "PipeLLM"
description = "Extract each review from a document"
inputs = { document = "Document" }
output = "CustomerReview[]"
prompt = "Extract every customer review from @document"
