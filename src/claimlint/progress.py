"""A progress bar on stderr for long runs (CLI layer: only the CLI prints).

It is drawn only for people: when stderr is a terminal and the report is not
a machine format (JSON, SARIF, GitHub annotations), so logs and pipes stay
clean. Short runs stay silent too: the bar appears only after ``delay``
seconds, so linting one file never flickers.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from typing import IO

MACHINE_FORMATS = frozenset({"github"})
DELAY_SECONDS = 0.5
REDRAW_SECONDS = 0.1


def wanted(stream: IO[str], format_name: str, machine: bool, quiet: bool = False) -> bool:
    """True when a bar should be shown on ``stream`` for this output format."""
    if quiet or machine or format_name in MACHINE_FORMATS:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def format_elapsed(seconds: float) -> str:
    """``0:07``, ``12:34``, ``1:02:03``."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressBar:
    """A ``(done, total)`` callback for :func:`claimlint.runner.run` that redraws one line.

    Redraws are throttled to ``interval`` seconds (the last file always
    draws), and :meth:`close` erases the line so the problems and the report
    that follow start on a clean line.
    """

    def __init__(
        self,
        stream: IO[str],
        *,
        delay: float | None = None,
        interval: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        width: Callable[[], int] | None = None,
    ) -> None:
        self.stream = stream
        self.delay = DELAY_SECONDS if delay is None else delay
        self.interval = REDRAW_SECONDS if interval is None else interval
        self.clock = clock
        self.width = width or (lambda: shutil.get_terminal_size((80, 24)).columns)
        self.started = clock()
        self.last_draw: float | None = None
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Record progress; draw if the run is long enough and the line is due."""
        now = self.clock()
        if total <= 1 or now - self.started < self.delay:
            return
        final = done >= total
        if not final and self.last_draw is not None and now - self.last_draw < self.interval:
            return
        self.last_draw = now
        self.stream.write("\r" + self.line(done, total, now - self.started) + "\x1b[K")
        self.stream.flush()
        self.drawn = True

    def line(self, done: int, total: int, elapsed: float) -> str:
        """``[=====>    ]  120/500 files  24%  0:03``, fitted to the terminal width."""
        done = min(max(done, 0), total)
        tail = f" {done:>{len(str(total))}}/{total} files {100 * done // total:3d}%  {format_elapsed(elapsed)}"
        room = min(self.width() - 1, 80) - len(tail) - 2
        if room < 10:
            return tail.strip()
        filled = room * done // total
        bar = "=" * filled + (">" if filled < room else "") + " " * max(room - filled - 1, 0)
        return f"[{bar[:room]}]{tail}"

    def close(self) -> None:
        """Erase the bar, if one was drawn."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False
