"""A sampling profile of a probe: which of the app's functions the wall time is spent in, on every thread.

cProfile sees one thread and doubles a long case's time; this samples every thread's stack ~50 times
a second from a thread of its own (about 1 % overhead) and counts, for each function of the app
(`app/…`) on some stack, the samples it was on: its inclusive wall seconds, including the SQL and
library code it called. The runner compares these seconds between the L and XL gminas (issue 18,
"cost of growth"): a function whose seconds grow more than the data (10×) is where a case grows
faster than linearly.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from types import FrameType

APP = str(Path(__file__).resolve().parent.parent / "app") + "/"
#: seconds between samples
INTERVAL = 0.02


class Sampler:
    def __init__(self, interval: float = INTERVAL) -> None:
        self.interval = interval
        self.counts: dict[str, int] = {}
        #: samples per innermost app function of a stack: its own time, with the library code it calls
        self.innermost: dict[str, int] = {}
        self.ticks = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="benchmark-sampler", daemon=True)
        self._started = 0.0
        self._seconds = 0.0

    def start(self) -> Sampler:
        self._started = time.perf_counter()
        self._thread.start()
        return self

    def stop(self) -> dict[str, dict[str, float]]:
        """Wall seconds per app function (`path:qualified name`), largest first: `inclusive` (the
        function was on a stack) and `innermost` (it was the deepest app function of a stack: its own
        time and that of the SQL and library code it called)."""
        self._stop.set()
        self._thread.join()
        self._seconds = time.perf_counter() - self._started
        per_tick = self._seconds / self.ticks if self.ticks else 0.0

        def seconds(counts: dict[str, int]) -> dict[str, float]:
            return {name: round(n * per_tick, 4) for name, n in sorted(counts.items(), key=lambda kv: -kv[1])}

        return {"inclusive": seconds(self.counts), "innermost": seconds(self.innermost)}

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.wait(self.interval):
            seen: set[str] = set()
            deepest: set[str] = set()
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                f: FrameType | None = frame
                inner = True
                while f is not None:
                    code = f.f_code
                    if code.co_filename.startswith(APP):
                        name = f"{code.co_filename[len(APP) - 4 :]}:{code.co_qualname}"
                        seen.add(name)
                        if inner:
                            deepest.add(name)
                            inner = False
                    f = f.f_back
            # a function on two threads' stacks at once counts once: wall time
            for counts, names in ((self.counts, seen), (self.innermost, deepest)):
                for name in names:
                    counts[name] = counts.get(name, 0) + 1
            self.ticks += 1


def top(profile: dict[str, dict[str, float]], limit: int = 40) -> dict[str, dict[str, float]]:
    """The `limit` functions with the most seconds of each kind (the probe's JSON line stays short)."""
    return {kind: dict(list(seconds.items())[:limit]) for kind, seconds in profile.items()}
