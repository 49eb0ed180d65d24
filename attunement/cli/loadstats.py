"""What the load test measures and how it reports it (issue 7, item 3).

Latency of a turn is measured on the partner's side: from the moment the mover sends the move
until the partner's socket says the dialogue reached it ("notice"), and until the partner's own
view, fetched because of that notice, shows it ("view"). CPU and memory of the app processes are
read from ``/proc`` (Linux), so no extra package is needed.
"""

import math
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``; NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Tally:
    """Everything counted during the measured phase of a run."""

    playing: int = 0  # couples that connected and played
    turns: int = 0
    notice_ms: list[float] = field(default_factory=list)
    view_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    retried: int = 0  # "busy" answers (503 with Retry-After) sent again, as a person would
    lost: int = 0  # a move the partner's socket never announced
    missing_words: int = 0  # announced, but the partner's view lacked the words
    duplicated: int = 0  # the same version announced twice on one socket
    out_of_order: int = 0  # a version older than one already announced

    def error(self, kind: str) -> None:
        self.errors[kind] += 1


@dataclass(frozen=True, slots=True)
class ProcessUsage:
    """CPU seconds so far and resident memory of one process."""

    cpu_seconds: float
    rss_mib: float
    peak_rss_mib: float


def usage_of(pid: int) -> ProcessUsage:
    """This process's CPU time (user + system) and memory, from ``/proc``."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    fields = stat.rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    memory = {
        line.split(":")[0]: int(line.split()[1]) / 1024
        for line in status.splitlines()
        if line.startswith(("VmRSS:", "VmHWM:"))
    }
    return ProcessUsage(cpu, memory.get("VmRSS", math.nan), memory.get("VmHWM", math.nan))


@dataclass(frozen=True, slots=True)
class Window:
    """The measured phase: wall time and CPU of the servers and of the load generator."""

    seconds: float
    server_cpu_seconds: float
    harness_cpu_seconds: float
    servers: tuple[ProcessUsage, ...]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]


class Stopwatch:
    """Starts the measured phase and closes it into a ``Window``."""

    def __init__(self, pids: list[int]) -> None:
        self._pids = pids
        self._started = time.perf_counter()
        self._harness = time.process_time()
        self._servers = [usage_of(pid).cpu_seconds for pid in pids]
        self._load = os.getloadavg()

    def stop(self) -> Window:
        """The window from start until now."""
        servers = tuple(usage_of(pid) for pid in self._pids)
        return Window(
            seconds=time.perf_counter() - self._started,
            server_cpu_seconds=sum(s.cpu_seconds for s in servers) - sum(self._servers),
            harness_cpu_seconds=time.process_time() - self._harness,
            servers=servers,
            load_before=self._load,
            load_after=os.getloadavg(),
        )


def report(tally: Tally, window: Window, setup: str) -> list[str]:
    """The figures as lines of text, in the order docs/performance.md records them."""
    cores = window.server_cpu_seconds / window.seconds
    lines = [
        f"setup: {setup}",
        f"couples playing: {tally.playing}; measured: {window.seconds:.1f} s, {tally.turns} turns, "
        f"{tally.turns / window.seconds:.1f} turns/s",
    ]
    for name, values in (("notice", tally.notice_ms), ("view", tally.view_ms)):
        figures = ", ".join(
            f"p{int(share * 100)} {percentile(values, share):.0f} ms" for share in (0.5, 0.95, 0.99)
        )
        worst = max(values, default=math.nan)
        lines.append(f"turn delivery ({name}): {figures}, max {worst:.0f} ms (n={len(values)})")
    errors = ", ".join(f"{kind} {count}" for kind, count in tally.errors.most_common()) or "none"
    lines += [
        f"errors: {sum(tally.errors.values())} ({errors})",
        f"busy, sent again after Retry-After (not errors): {tally.retried}",
        f"lost turns: {tally.lost}, missing from view: {tally.missing_words}, "
        f"duplicated: {tally.duplicated}, out of order: {tally.out_of_order}",
        f"server CPU: {window.server_cpu_seconds:.1f} s = {cores:.2f} cores "
        f"({len(window.servers)} processes); load generator CPU: "
        f"{window.harness_cpu_seconds / window.seconds:.2f} cores",
        "server memory (RSS now / peak, MiB): "
        + ", ".join(f"{s.rss_mib:.0f} / {s.peak_rss_mib:.0f}" for s in window.servers),
        "load average before / after: "
        + " / ".join(
            " ".join(f"{v:.2f}" for v in load) for load in (window.load_before, window.load_after)
        ),
    ]
    return lines
