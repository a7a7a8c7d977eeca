"""Building the body of a Messages API call from an LLM job.

- ``max_tokens`` is required by Anthropic: the job's, else the model spec's, else :data:`DEFAULT_MAX_TOKENS`.
- ``temperature`` is not sent: from API version 2026-10-21 (the one anthropic SDK 2.x sends) any sampling
  parameter is refused with a 400, and the SDK no longer accepts them.
- ``reasoning_effort`` is not sent (extended thinking cannot be combined with a forced tool).
- Images go before the text (Anthropic's advice): ``data:`` URLs become ``base64`` image blocks, http(s)
  URLs ``url`` image blocks.
- Structured output is a forced tool: one tool whose ``input_schema`` is the output's JSON schema, and a
  ``tool_choice`` naming it; the model's answer is the tool call's ``input``.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from pipelex.cogt.exceptions import ProviderBadRequestError
from pipelex.cogt.llm.llm_job import LLMJob
from pipelex.cogt.model_backends.model_spec import InferenceModelSpec

DEFAULT_MAX_TOKENS = 4096
STREAM_ABOVE_MAX_TOKENS = 8192
"""Calls that may write more tokens than this stream (the SDK refuses long non-streaming calls)."""
IMAGE_MEDIA_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
_DATA_URL = re.compile(r"^data:(?P<media>[\w.+-]+/[\w.+-]+)?(?P<params>(;[^;,]*)*?);base64,(?P<data>.*)$", re.DOTALL)
_TOOL_NAME_CHARS = re.compile(r"[^a-zA-Z0-9_-]")


def max_tokens_for(spec: InferenceModelSpec, llm_job: LLMJob) -> int:
    """The ``max_tokens`` to send: the job's, the model's, or the default."""
    return llm_job.settings.max_tokens or spec.max_tokens or DEFAULT_MAX_TOKENS


def message_arguments(spec: InferenceModelSpec, llm_job: LLMJob, tool: dict[str, Any] | None = None) -> dict[str, Any]:
    """The keyword arguments of ``messages.create`` (or ``messages.stream``) for ``llm_job``."""
    arguments: dict[str, Any] = {
        "model": spec.model_id,
        "max_tokens": max_tokens_for(spec, llm_job),
        "messages": [{"role": "user", "content": _user_content(spec, llm_job)}],
    }
    if llm_job.prompt.system_text:
        arguments["system"] = llm_job.prompt.system_text
    if tool is not None:
        arguments["tools"] = [tool]
        arguments["tool_choice"] = {"type": "tool", "name": tool["name"]}
    return arguments


def output_tool(schema: type[BaseModel]) -> dict[str, Any]:
    """The tool that forces an answer shaped like ``schema``."""
    name = _TOOL_NAME_CHARS.sub("_", schema.__name__)[:64] or "answer"
    return {
        "name": name,
        "description": f"Give the answer as a `{schema.__name__}`: call this tool with it.",
        "input_schema": _object_root(schema.model_json_schema()),
    }


def _object_root(json_schema: dict[str, Any]) -> dict[str, Any]:
    """``json_schema`` with an object at its root, as ``input_schema`` must be.

    A recursive model's schema is ``{"$defs": ..., "$ref": "#/$defs/Model"}``: the definition is inlined.
    """
    ref = json_schema.get("$ref")
    if "type" in json_schema or not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return json_schema
    definitions: dict[str, Any] = json_schema.get("$defs", {})
    target = definitions.get(ref.removeprefix("#/$defs/"))
    if not isinstance(target, dict):
        return json_schema
    return {**target, "$defs": definitions}


def _user_content(spec: InferenceModelSpec, llm_job: LLMJob) -> str | list[dict[str, Any]]:
    prompt = llm_job.prompt
    if not prompt.user_images:
        return prompt.user_text
    blocks = [_image_block(spec, url) for url in prompt.user_images]
    blocks.append({"type": "text", "text": prompt.user_text})
    return blocks


def _image_block(spec: InferenceModelSpec, url: str) -> dict[str, Any]:
    if url.startswith(("http://", "https://")):
        return {"type": "image", "source": {"type": "url", "url": url}}
    match = _DATA_URL.match(url) if url.startswith("data:") else None
    if match is None:
        raise _refused(spec, "an image is neither an http(s) URL nor a base64 `data:` URL")
    media_type = (match.group("media") or "").lower()
    if media_type not in IMAGE_MEDIA_TYPES:
        accepted = ", ".join(IMAGE_MEDIA_TYPES)
        raise _refused(spec, f"an image of type `{media_type or 'unknown'}` cannot be sent (accepted: {accepted})")
    data = "".join(match.group("data").split())
    return {"type": "image", "source": {"type": "base64", "media_type": media_type, "data": data}}


def _refused(spec: InferenceModelSpec, detail: str) -> ProviderBadRequestError:
    return ProviderBadRequestError(
        f"{detail} (backend `{spec.backend_name}`, model `{spec.name}`)", provider=spec.backend_name, model=spec.name
    )
