"""A cache of the API's GET answers, so that a repeated read skips the query workers.

Every answer to a GET is a function of its URL, its Accept header and the store's contents, and
the store changes only through this server while it runs (it holds the store's write lock; ingest
and SPARQL Update bump the query pool's generation, api/worker.py). So a 200 answer is kept under
(generation, path, query string, Accept) and served again until the next write; LRU-bounded in
bytes, and answers over a tenth of the bound are not kept. Each cacheable answer carries an ETag
(the server's start, the generation and the key, hashed), so a client that sends it back in
If-None-Match gets 304 Not Modified while the store is unchanged. Concurrent requests for an
answer not yet kept wait for the first one to compute it rather than each taking a query worker.
Requests with an Authorization header (admin) or `Cache-Control: no-cache` go through to the workers.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True)
class Answer:
    """A kept answer: its status line's headers and body."""

    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """ASGI middleware: GET answers kept per store generation (module docstring)."""

    def __init__(self, app: ASGIApp, generation: Callable[[], int], max_bytes: int) -> None:
        self.app = app
        self.generation = generation
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple[int, str, bytes, bytes], Answer] = OrderedDict()
        self.pending: dict[tuple[int, str, bytes, bytes], asyncio.Event] = {}
        self.size = 0
        self.current = generation()
        self.nonce = os.urandom(8).hex()

    def etag(self, key: tuple[int, str, bytes, bytes]) -> bytes:
        digest = hashlib.blake2b(repr((self.nonce, key)).encode(), digest_size=12).hexdigest()
        return f'"{digest}"'.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        if (
            self.max_bytes <= 0
            or scope["type"] != "http"
            or scope["method"] != "GET"
            or b"authorization" in headers
        ):
            await self.app(scope, receive, send)
            return
        generation = self.generation()
        if generation != self.current:
            # The store changed: every kept answer is out of date.
            self.entries.clear()
            self.size, self.current = 0, generation
        key = (generation, scope["path"], scope.get("query_string", b""), headers.get(b"accept", b""))
        etag = self.etag(key)
        if etag in headers.get(b"if-none-match", b"").replace(b" ", b"").split(b","):
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
            await send({"type": "http.response.body", "body": b""})
            return
        fresh = b"no-cache" in headers.get(b"cache-control", b"")
        if not fresh and key in self.pending:
            await self.pending[key].wait()
        kept = None if fresh else self.entries.get(key)
        if kept is not None:
            self.entries.move_to_end(key)
            await send({"type": "http.response.start", "status": 200, "headers": kept.headers})
            await send({"type": "http.response.body", "body": kept.body})
            return
        computing = self.pending.setdefault(key, asyncio.Event())
        try:
            await self.app(scope, receive, self._keeping(key, etag, send))
        finally:
            if self.pending.get(key) is computing:
                del self.pending[key]
                computing.set()

    def _keeping(self, key: tuple[int, str, bytes, bytes], etag: bytes, send: Send) -> Send:
        """`send` that passes the answer on, with its ETag when it is a 200, and keeps it if small."""
        limit = self.max_bytes // 10
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def keeping(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                if message["status"] == 200:
                    message = {**message, "headers": [*message.get("headers", []), (b"etag", etag)]}
                    start = message
            elif message["type"] == "http.response.body" and start is not None:
                body = message.get("body", b"")
                size += len(body)
                chunks.append(body)
                if size > limit:
                    start = None
                    chunks.clear()
                elif not message.get("more_body", False):
                    self._keep(key, Answer(list(start["headers"]), b"".join(chunks)))
            await send(message)

        return keeping

    def _keep(self, key: tuple[int, str, bytes, bytes], answer: Answer) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.entries[key] = answer
        self.size += len(answer.body)
        while self.size > self.max_bytes and self.entries:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)
