domain = "tweet_optimizer"
description = "Review a draft tweet, then rewrite it, keeping a style"
system_prompt = "You are an editor who writes about technology for a broad audience."
main_pipe = "optimize_tweet"

[concept]
DraftTweet = "A draft of a tweet, written quickly"
OptimizedTweet = "A tweet ready to be published"

[concept.TweetReview]
description = "A critical review of a draft tweet"

[concept.TweetReview.structure]
clarity = { type = "integer", description = "How clear the tweet is, from 1 (confusing) to 5 (crystal clear)" }
buzzword_count = { type = "integer", description = "How many buzzwords it uses" }
is_too_long = { type = "boolean", description = "Whether it exceeds 280 characters" }
main_problem = "The single most important thing to fix"
tone = { type = "text", description = "The tone of the draft", choices = ["neutral", "hype", "humble", "dry"] }

[pipe.optimize_tweet]
type = "PipeSequence"
description = "Review the draft, rewrite it, and show both"
inputs = { draft = "DraftTweet", style = "Text" }
output = "Text"
steps = [
    { pipe = "review_tweet", result = "review" },
    { pipe = "rewrite_tweet", result = "optimized" },
    { pipe = "present_result", result = "presentation" },
]

[pipe.review_tweet]
type = "PipeLLM"
description = "Score the draft and name its main problem"
inputs = { draft = "DraftTweet" }
output = "TweetReview"
model = "cheap_llm_for_object"
prompt = """
Review this draft tweet. Score its clarity, count its buzzwords and name the one thing to fix.

@draft
"""

[pipe.rewrite_tweet]
type = "PipeLLM"
description = "Rewrite the draft, fixing what the review found"
inputs = { draft = "DraftTweet", review = "TweetReview", style = "Text" }
output = "OptimizedTweet"
model = "llm_for_creative_writing"
prompt = """
Rewrite the draft tweet below. Fix first: $review.main_problem
Keep it under 280 characters, no hashtags.

@draft

Write in this style:
@style
"""

[pipe.present_result]
type = "PipeCompose"
description = "Show the draft, its review and the rewrite side by side"
inputs = { draft = "DraftTweet", review = "TweetReview", optimized = "OptimizedTweet" }
output = "Text"

[pipe.present_result.template]
category = "markdown"
template = """
## Draft
$draft

## Review
- clarity: $review.clarity / 5
- buzzwords: $review.buzzword_count
- tone: $review.tone
- to fix: $review.main_problem

## Rewrite
$optimized
"""
