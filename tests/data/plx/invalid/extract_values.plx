domain = "extraction"
description = "PipeExtract fields with bad values"

[pipe.bad_options]
type = "PipeExtract"
description = "Every option wrong"
inputs = { document = "Document" }
output = "Page[]"
max_page_images = -1
page_views = "yes"
page_views_dpi = 5000
page_image_captions = 1
page_view_dpi = 72

[pipe.llm_as_extractor]
type = "PipeExtract"
description = "An LLM is not an extraction model"
inputs = { document = "PDF" }
output = "Page[]"
model = "gpt-4o"

[pipe.typo_model]
type = "PipeExtract"
description = "A misspelled preset"
inputs = { document = "PDF" }
output = "Page[]"
model = "extract_text_from_pfd"

[pipe.reads_text]
type = "PipeExtract"
description = "Text is not a document"
inputs = { notes = "Text" }
output = "Page[]"

[pipe.one_page]
type = "PipeExtract"
description = "A document has any number of pages"
inputs = { scan = "Image" }
output = "Page"

[pipe.makes_images]
type = "PipeExtract"
description = "Extraction does not produce images"
inputs = { scan = "Image" }
output = "Image"

[pipe.two_documents]
type = "PipeExtract"
description = "One document at a time"
inputs = { first = "Document", second = "Document" }
output = "Page[]"

[pipe.nothing_to_read]
type = "PipeExtract"
description = "No input at all"
output = "Page[]"

[pipe.many_documents]
type = "PipeExtract"
description = "A list of documents"
inputs = { documents = "Document[]" }
output = "Page[]"

[pipe.older_spelling]
type = "PipeOcr"
description = "The older name, with the older model key"
inputs = { document = "Document" }
output = "Page[]"
ocr_model = "extract_text_from_pdf"
