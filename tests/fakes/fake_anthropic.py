"""A fake Anthropic server on 127.0.0.1 speaking the Messages API wire format.

``POST /v1/messages`` answers like the real API: a JSON message, or server-sent events when the body says
``"stream": true`` (``message_start``, ``content_block_start/delta/stop``, ``message_delta``,
``message_stop``, with ``ping`` events between). When the request forces a tool (``tool_choice`` of type
``tool``), the answer is a ``tool_use`` block whose ``input`` is valid against the tool's ``input_schema``.
``GET /v1/models`` lists models in Anthropic's paginated shape. Errors have Anthropic's body shape
(``{"type": "error", "error": {"type": ..., "message": ...}}``) and a ``request-id`` header; they can be
scripted, as can an error event in the middle of a stream. Every request is recorded (path, headers, body).
Run it alone with ``python -m tests.fakes.fake_anthropic --port 8766``.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.fake_openai import RecordedRequest, value_for_schema

ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


def error_body(status: int, message: str) -> dict[str, Any]:
    """Anthropic's error body for ``status``."""
    return {"type": "error", "error": {"type": ERROR_TYPES.get(status, "api_error"), "message": message}}


@dataclass
class ScriptedAnswer:
    """A scripted response: a JSON body, or (``stream_error``) a stream cut by an error event."""

    status: int = 200
    body: dict[str, Any] | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    stream_error: str | None = None


class FakeAnthropicServer:
    """Start with ``with FakeAnthropicServer() as server:``; ``server.base_url`` has no ``/v1``."""

    def __init__(self, port: int = 0) -> None:
        self.requests: list[RecordedRequest] = []
        self.scripted: list[ScriptedAnswer] = []
        self.model_ids: list[str] = ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"]
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeAnthropicServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def script(
        self,
        status: int,
        body: dict[str, Any] | str | None = None,
        headers: dict[str, str] | None = None,
        delay_s: float = 0.0,
    ) -> None:
        """Answer the next request with this response (``body`` defaults to Anthropic's error body)."""
        if body is None:
            body = error_body(status, f"scripted error {status}")
        with self._lock:
            self.scripted.append(ScriptedAnswer(status, body, headers or {}, delay_s))

    def script_stream_error(self, error_type: str = "overloaded_error") -> None:
        """Answer the next streamed request with a stream that starts, then sends an ``error`` event."""
        with self._lock:
            self.scripted.append(ScriptedAnswer(stream_error=error_type))

    def answer(self, request: RecordedRequest) -> ScriptedAnswer:  # noqa: PLR0911
        with self._lock:
            self.requests.append(request)
            if self.scripted:
                return self.scripted.pop(0)
        path = request.path.split("?", 1)[0].rstrip("/")
        if path == "/v1/models":
            data = [
                {"type": "model", "id": model_id, "display_name": model_id, "created_at": "2025-09-29T00:00:00Z"}
                for model_id in self.model_ids
            ]
            first, last = self.model_ids[0], self.model_ids[-1]
            return ScriptedAnswer(body={"data": data, "has_more": False, "first_id": first, "last_id": last})
        if path != "/v1/messages":
            return ScriptedAnswer(404, error_body(404, f"no route {request.path}"))
        if not api_key_of(request):
            return ScriptedAnswer(401, error_body(401, "x-api-key header is required"))
        if not request.headers.get("anthropic-version"):
            return ScriptedAnswer(400, error_body(400, "anthropic-version: header is required"))
        sampling = [key for key in ("temperature", "top_p", "top_k") if key in request.body]
        if sampling and request.headers["anthropic-version"] >= "2026-10-21":
            return ScriptedAnswer(400, error_body(400, f"{sampling[0]}: Extra inputs are not permitted"))
        if "max_tokens" not in request.body:
            return ScriptedAnswer(400, error_body(400, "max_tokens: Field required"))
        return ScriptedAnswer(body=message(request.body))

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._respond(RecordedRequest(self.path, self._headers(), {}))

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_unparsed": raw.decode("utf-8", "replace")}
                self._respond(RecordedRequest(self.path, self._headers(), body))

            def _headers(self) -> dict[str, str]:
                return {key.lower(): value for key, value in self.headers.items()}

            def _respond(self, request: RecordedRequest) -> None:
                answer = server.answer(request)
                if answer.delay_s:
                    time.sleep(answer.delay_s)
                streamed = request.body.get("stream") is True and answer.status == 200
                if streamed and (answer.stream_error or isinstance(answer.body, dict)):
                    events = stream_events(answer.body or message(request.body), answer.stream_error)
                    self._send_events(events)
                else:
                    self._send_json(answer)

            def _send_json(self, answer: ScriptedAnswer) -> None:
                body = answer.body if answer.body is not None else {}
                payload = (body if isinstance(body, str) else json.dumps(body)).encode()
                self.send_response(answer.status)
                self.send_header("content-type", "application/json")
                self.send_header("request-id", "req_fake_0001")
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _send_events(self, events: list[tuple[str, dict[str, Any]]]) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("cache-control", "no-cache")
                self.send_header("request-id", "req_fake_0002")
                self.end_headers()
                for name, data in events:
                    self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
                    self.wfile.flush()
                self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def api_key_of(request: RecordedRequest) -> str | None:
    """The key a request carries: ``x-api-key``, or ``Authorization: Bearer`` (what anthropic 2.x sends)."""
    bearer = request.headers.get("authorization", "")
    return request.headers.get("x-api-key") or (
        bearer.removeprefix("Bearer ") if bearer.startswith("Bearer ") else None
    )


def message(body: dict[str, Any]) -> dict[str, Any]:
    """A message answering ``body``: a forced tool's call, or text."""
    user = next((item for item in reversed(body.get("messages", [])) if item.get("role") == "user"), {})
    content = user.get("content", "")
    if isinstance(content, list):
        content = " ".join(part.get("text", "") for part in content if part.get("type") == "text")
    tool_choice = body.get("tool_choice") or {}
    tools = {tool["name"]: tool for tool in body.get("tools", [])}
    if tool_choice.get("type") == "tool" and tool_choice.get("name") in tools:
        schema = tools[tool_choice["name"]]["input_schema"]
        block: dict[str, Any] = {
            "type": "tool_use",
            "id": "toolu_fake01",
            "name": tool_choice["name"],
            "input": value_for_schema(schema, schema.get("$defs", {})),
        }
        stop_reason = "tool_use"
    else:
        block = {"type": "text", "text": f"fake claude answer to: {' '.join(str(content).split())[:60]}"}
        stop_reason = "end_turn"
    return {
        "id": "msg_fake01",
        "type": "message",
        "role": "assistant",
        "model": body.get("model", "unknown"),
        "content": [block],
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {"input_tokens": max(1, len(str(content)) // 4), "output_tokens": 9},
    }


def stream_events(full: dict[str, Any], error_type: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """The server-sent events that stream ``full``; with ``error_type``, cut by an error event."""
    start = {**full, "content": [], "stop_reason": None, "usage": {**full["usage"], "output_tokens": 1}}
    events: list[tuple[str, dict[str, Any]]] = [("message_start", {"type": "message_start", "message": start})]
    events.append(("ping", {"type": "ping"}))
    if error_type is not None:
        events.append(("error", {"type": "error", "error": {"type": error_type, "message": "Overloaded"}}))
        return events
    for index, block in enumerate(full["content"]):
        if block["type"] == "text":
            opened: dict[str, Any] = {"type": "text", "text": ""}
            text = block["text"]
            deltas = [{"type": "text_delta", "text": text[cut : cut + 12]} for cut in range(0, len(text), 12)]
        else:
            opened = {**block, "input": {}}
            encoded = json.dumps(block["input"])
            deltas = [
                {"type": "input_json_delta", "partial_json": encoded[cut : cut + 10]}
                for cut in range(0, len(encoded), 10)
            ]
        events.append(("content_block_start", {"type": "content_block_start", "index": index, "content_block": opened}))
        events.extend(
            ("content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}) for delta in deltas
        )
        events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
    delta = {"stop_reason": full["stop_reason"], "stop_sequence": None}
    usage = {"output_tokens": full["usage"]["output_tokens"]}
    events.append(("message_delta", {"type": "message_delta", "delta": delta, "usage": usage}))
    events.append(("message_stop", {"type": "message_stop"}))
    return events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8766)
    port = parser.parse_args().port
    with FakeAnthropicServer(port) as server:
        print(f"fake Anthropic server on {server.base_url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
