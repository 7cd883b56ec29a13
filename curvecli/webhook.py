"""Posting alerts to a webhook without ever holding up the watch.

``Webhook.send`` puts an event on a bounded queue and returns at once; a
daemon thread POSTs each as JSON: ``text`` (Slack incoming webhooks) and
``content`` (Discord) carry one readable line, ``event`` the structured event
as ``watch --format jsonl`` writes it. A failed POST (a connection error, a
5xx or 429 answer) is retried ``ATTEMPTS`` times with exponential backoff
from ``BACKOFF_SECONDS``; a POST that still fails, or an event dropped
because ``QUEUE_SIZE`` events were waiting, becomes a warning the watcher
prints. Only the standard library is used (urllib).
"""

from __future__ import annotations

import json
import queue
import threading
import time
import urllib.error
import urllib.request
from typing import Callable

ATTEMPTS = 4  # tries per event
BACKOFF_SECONDS = 0.5  # first wait between tries; doubled each time
TIMEOUT_SECONDS = 10.0  # per request
QUEUE_SIZE = 1000  # events waiting at most; past that the oldest waiting one is dropped


def payload(text: str, event: dict) -> bytes:
    """The JSON body posted for one event."""
    return json.dumps({"text": text, "content": text[:2000], "event": event},
                      allow_nan=False).encode("utf-8")


class Webhook:
    """A background poster for one URL."""

    def __init__(self, url: str, warn: Callable[[str], None],
                 sleep: Callable[[float], None] = time.sleep):
        self.url = url
        self.warn = warn
        self.sleep = sleep
        self.sent = 0
        self.failed = 0
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_SIZE)
        self._thread = threading.Thread(target=self._run, name="curvecli-webhook", daemon=True)
        self._thread.start()

    def send(self, text: str, event: dict) -> None:
        """Queue one event; never blocks."""
        body = payload(text, event)
        while True:
            try:
                self._queue.put_nowait(body)
                return
            except queue.Full:
                try:
                    self._queue.get_nowait()
                    self._queue.task_done()
                    self.failed += 1
                    self.warn(f"{self.url}: webhook queue full; an older alert was dropped")
                except queue.Empty:
                    pass

    def flush(self, timeout: float = 5.0) -> None:
        """Wait (at most ``timeout`` seconds) for the queued events to be posted."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.02)

    def _run(self) -> None:
        while True:
            body = self._queue.get()
            try:
                self._post(body)
            finally:
                self._queue.task_done()

    def _post(self, body: bytes) -> None:
        wait = BACKOFF_SECONDS
        problem = ""
        for attempt in range(ATTEMPTS):
            request = urllib.request.Request(self.url, data=body, method="POST",
                                             headers={"Content-Type": "application/json",
                                                      "User-Agent": "curvecli-watch"})
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
                    answer.read(1 << 16)
                self.sent += 1
                return
            except urllib.error.HTTPError as error:
                problem = f"HTTP {error.code}"
                if error.code < 500 and error.code != 429:
                    break  # the server refuses this request: trying again will not help
            except (urllib.error.URLError, OSError, ValueError) as error:
                problem = str(getattr(error, "reason", error))
            if attempt + 1 < ATTEMPTS:
                self.sleep(wait)
                wait *= 2
        self.failed += 1
        self.warn(f"{self.url}: webhook failed ({problem}); the alert was not delivered")
