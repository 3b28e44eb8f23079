"""Helpers shared by the benchmarks: timing, the machine's description, a child process environment."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall times in seconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def median(times: list[float]) -> float:
    return statistics.median(times)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    """``2 cores (AMD EPYC), Python 3.11.7, Linux``: what the figures were measured on."""
    return f"{os.cpu_count()} cores ({cpu_model()}), Python {sys.version.split()[0]}, {platform.system()}"


def child_env() -> dict[str, str]:
    """The environment for timed child processes: bytecode caching on, as an installed user has it.

    Some environments set PYTHONDONTWRITEBYTECODE=1, which makes every start recompile
    every module it imports; a user's install has its bytecode cached.
    """
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def console_script(name: str) -> list[str]:
    """The installed console script beside this interpreter, or ``python -m board`` without one."""
    script = Path(sys.executable).parent / name
    return [str(script)] if script.exists() else [sys.executable, "-m", "board"]
