"""A small client of headless Chromium's DevTools protocol over `--remote-debugging-pipe`
(commands on the browser's fd 3, answers on its fd 4, NUL-terminated JSON): no port, no
driver library. It opens a page, records the requests it made, what it logged and the dialogs
it opened, evaluates expressions in it and takes screenshots."""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--mute-audio",
    "--remote-debugging-pipe",
]


def chromium() -> str | None:
    """The browser's executable: Debian's `chromium`, or one of the usual other names."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if found := shutil.which(name):
            return found
    return None


@dataclass
class Visit:
    """What one page did while it loaded and was looked at."""

    url: str
    events: list[dict[str, Any]] = field(default_factory=list)

    def requests(self) -> list[str]:
        """Every URL the page asked for but its own."""
        urls = [e["params"]["request"]["url"] for e in self._of("Network.requestWillBeSent")]
        return [url for url in urls if url != self.url]

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, log entries of level error or
        warning (a Content-Security-Policy violation is one), dialogs opened."""
        found = []
        for e in self._of("Runtime.consoleAPICalled"):
            if e["params"]["type"] in ("error", "warning", "assert"):
                found.append(f"console {e['params']['type']}: {e['params']['args']}")
        for e in self._of("Runtime.exceptionThrown"):
            found.append(f"exception: {e['params']['exceptionDetails']}")
        for e in self._of("Log.entryAdded"):
            if e["params"]["entry"]["level"] in ("error", "warning"):
                found.append(f"log: {e['params']['entry']['text']}")
        for e in self._of("Page.javascriptDialogOpening"):
            found.append(f"dialog: {e['params']['message']}")
        return found

    def _of(self, method: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["method"] == method]


class Browser:
    """One headless Chromium; use as a context manager."""

    def __init__(self, executable: str, profile: Path, timeout: float = 30.0) -> None:
        self.timeout = timeout
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def on_fds_3_and_4() -> None:  # copies first: the pipe's own ends may be 3 or 4
            ends = os.dup(commands_read), os.dup(answers_write)
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=on_fds_3_and_4,
            close_fds=False,
        )
        os.close(commands_read)
        os.close(answers_write)
        self._next = 0
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._events: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.session = ""

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.process.kill()
        self.process.wait(timeout=self.timeout)
        os.close(self._commands)

    def _read(self) -> None:
        pending = b""
        while chunk := os.read(self._answers, 1 << 16):
            pending += chunk
            *messages, pending = pending.split(b"\0")
            for message in messages:
                self._inbox.put(json.loads(message))
        self._inbox.put(None)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A command's result; the events that come meanwhile are kept."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._take()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return dict(answer.get("result", {}))

    def _take(self) -> dict[str, Any]:
        answer = self._inbox.get(timeout=self.timeout)
        if answer is None:
            raise RuntimeError("the browser closed its pipe")
        if "method" in answer:
            self._events.append(answer)
        return answer

    def open(self, url: str, width: int = 1200, height: int = 900) -> Visit:
        """Load `url` in a new tab and wait for its load event."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})  # fmt: skip
        self._events.clear()
        self.send("Page.navigate", {"url": url})
        deadline, dismissed = time.monotonic() + self.timeout, 0
        while not any(e["method"] == "Page.loadEventFired" for e in self._events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            self._take()
            dialogs = [e for e in self._events if e["method"] == "Page.javascriptDialogOpening"]
            while dismissed < len(dialogs):  # a dialog holds the page until it is closed
                dismissed += 1
                self.send("Page.handleJavaScriptDialog", {"accept": True})
        self.send("Runtime.evaluate", {"expression": "1", "awaitPromise": True})  # settle
        return Visit(url, self._events)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def screenshot(self, path: Path, width: int = 1200) -> None:
        """The whole page, as PNG."""
        height = int(self.evaluate("document.documentElement.scrollHeight"))
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})  # fmt: skip
        shot = self.send("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(shot["data"]))
