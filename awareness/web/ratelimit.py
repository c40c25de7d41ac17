"""A simple per-client rate limit: at most `requests` in any `seconds` from one address; beyond
that, 429 with a readable page and Retry-After. Static files do not count."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

EXEMPT_PREFIXES = ("/static/",)
MAX_CLIENTS = 10_000


class RateLimit:
    def __init__(
        self,
        app: ASGIApp,
        requests: int,
        seconds: float,
        refuse: Callable[[Request, int], Response],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app, self.requests, self.seconds, self.refuse, self.clock = app, requests, seconds, refuse, clock
        self._seen: dict[str, deque[float]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(EXEMPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        client = scope["client"][0] if scope.get("client") else "unknown"
        wait = self._wait(client)
        if wait:
            await self.refuse(Request(scope, receive), wait)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _wait(self, client: str) -> int:
        """0 when the request may go ahead (and is counted), else the seconds until it may."""
        now = self.clock()
        if len(self._seen) > MAX_CLIENTS:  # forget the clients that have been quiet for a window
            self._seen = {key: times for key, times in self._seen.items() if times and times[-1] > now - self.seconds}
        times = self._seen.setdefault(client, deque())
        while times and times[0] <= now - self.seconds:
            times.popleft()
        if len(times) >= self.requests:
            return max(1, math.ceil(times[0] + self.seconds - now))
        times.append(now)
        return 0
