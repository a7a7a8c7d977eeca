domain = "drawing"
description = "PipeImgGen fields with bad values"

[concept]
Sketch = "A sketch description"

[pipe.bad_settings]
type = "PipeImgGen"
description = "Every setting wrong"
inputs = { subject = "Text" }
output = "Image"
prompt = "A drawing of $subject in $style"
negative_prompt = "no $clutter"
aspect_ratio = "wide"
background = "transparant"
output_format = "gif"
seed = -3
is_raw = "no"

[pipe.size_and_ratio]
type = "PipeImgGen"
description = "Both size and aspect ratio, and a bad size"
inputs = { subject = "Text" }
output = "Image"
prompt = "$subject"
size = "1024x1024"
aspect_ratio = "square"

[pipe.bad_size_and_seed]
type = "PipeImgGen"
description = "A size that is not WIDTHxHEIGHT, a seed that is not a number"
inputs = { subject = "Text" }
output = "Image"
prompt = "$subject"
size = "big"
seed = "random"

[pipe.extractor_as_painter]
type = "PipeImgGen"
description = "An extraction preset is not an image model"
inputs = { subject = "Text" }
output = "Image"
prompt = "$subject"
model = "extract_text_from_pdf"

[pipe.typo_model]
type = "PipeImgGen"
description = "A misspelled preset"
inputs = { subject = "Text" }
output = "Image"
prompt = "$subject"
model = "gen_image_basik"

[pipe.any_number]
type = "PipeImgGen"
description = "How many images?"
inputs = { subject = "Text" }
output = "Image[]"
prompt = "$subject"

[pipe.writes_text]
type = "PipeImgGen"
description = "Image generation does not produce text"
inputs = { subject = "Text" }
output = "Text"
prompt = "$subject"

[pipe.which_prompt]
type = "PipeImgGen"
description = "No prompt and two inputs"
inputs = { subject = "Text", sketch = "Sketch" }
output = "Image"

[pipe.no_prompt_at_all]
type = "PipeImgGen"
description = "No prompt and no input"
output = "Image"

[pipe.document_as_prompt]
type = "PipeImgGen"
description = "No prompt, and the input is not a text"
inputs = { document = "Document" }
output = "Image[2]"

[pipe.older_spelling]
type = "PipeImgGen"
description = "The older model key, and a prompt input"
inputs = { sketch = "Sketch" }
output = "Image"
img_gen = "gen_image_fast"
