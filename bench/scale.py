"""The board and the CLI from 100 to 50,000 objectives, each figure beside its floor and its target.

    python -m bench.scale [--sizes 100,5000,20000,50000] [--repeat 3] [--presses 5]

Plans are generated with dependencies (``generate_plan(n, linked=True)``: every
objective after week 1 waits on one or two of the week before). For each size:

- first frame of the board, beside a trivial Textual app that only parses the
  same file with the same TOML parser (the floor), and peak memory;
- the time from a key to the next painted frame for space (and the save), L, H,
  ``/`` and each typed filter letter, escape, the view switches and G;
- each non-interactive command, beside reading the file with tomli in a fresh
  Python process (the CLI floor).

Medians of ``--repeat`` fresh processes (first frame, CLI) or ``--presses`` key
presses. Nothing here runs under pytest.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, child_env, console_script, machine

# A child process: the board (or the floor app) to its first painted frame; facts as JSON.
FIRST_FRAME = r"""
import json, resource, sys, time
start = time.perf_counter()
kind, path = sys.argv[1], sys.argv[2]
if kind == "bare":  # the bundled plan's floor: a bare Textual app
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    app = Bare()
elif kind == "floor":
    import tomli
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    with open(path, "rb") as handle:
        data = tomli.load(handle)

    class Floor(App):
        def compose(self):
            yield Header()
            yield Static(f"{len(data.get('objectives', []))} objectives")
            yield Footer()

    app = Floor()
else:  # as `rollout-board PLAN` opens it: discovery validates the plan and hands it on
    from board.collector import freeze_next_load
    from board.discovery import discover

    freeze_next_load()
    found = discover(path)
    from board.app import open_app

    app = open_app(found.paths[0], loaded=found.loaded, watch_interval=0)
facts = {}

def first_frame():
    facts["first_frame"] = time.perf_counter() - start
    facts["widgets"] = sum(1 for _ in app.screen.walk_children())
    app.exit()

app.call_after_refresh(first_frame)
app.run(headless=True, size=(160, 45))
facts["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(facts))
"""

# A child process: real keys through Pilot, each timed to the next painted frame.
KEYS = r"""
import asyncio, json, statistics, sys, time
from board.app import open_app
from board.collector import freeze_next_load
from board.discovery import discover

STEPS = [
    ("space (shown + saved)", ["space"]),
    ("L", ["L"]),
    ("H", ["H"]),
    ("/", ["slash"]),
    ("typed filter letter", list("dep")),
    ("escape (filter cleared)", ["escape"]),
    ("2 (status board)", ["2"]),
    ("3 (timeline)", ["3"]),
    ("1 (phase board)", ["1"]),
    ("G", ["G"]),
    ("g", ["g"]),
]

async def main():
    freeze_next_load()
    found = discover(sys.argv[1])  # as `rollout-board PLAN` opens it (the start-up frozen)
    app = open_app(found.paths[0], loaded=found.loaded, watch_interval=0)
    presses = int(sys.argv[2])
    times = {name: [] for name, _ in STEPS}
    cpu = {name: [] for name, _ in STEPS}
    unsaved = 0
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        for _ in range(presses):
            for name, keys in STEPS:
                for key in keys:
                    drawn = asyncio.Event()
                    start, start_cpu = time.perf_counter(), time.thread_time()
                    app.simulate_key(key)  # as a terminal delivers it: no waiting for idle in between
                    app.call_after_refresh(drawn.set)
                    await drawn.wait()
                    times[name].append(time.perf_counter() - start)
                    cpu[name].append(time.thread_time() - start_cpu)  # the app's own thread: what load does not inflate
                    if key == "space":
                        unsaved += bool(app.session.unsaved)
                await pilot.pause()
    print(json.dumps({
        "keys": {k: statistics.median(v) for k, v in times.items()},
        "cpu": {k: statistics.median(v) for k, v in cpu.items()},
        "unsaved": unsaved,
    }))

asyncio.run(main())
"""

FLOOR = "import sys, tomli\nwith open(sys.argv[1], 'rb') as f: tomli.load(f)"

CLI = [
    ("validate", ["validate", "{plan}"]),
    ("list --json", ["list", "{plan}", "--json"]),
    ("show", ["show", "{plan}"]),
    ("standup", ["standup", "{plan}"]),
    ("move", ["move", "{plan}", "{oid}", "in-progress"]),
    ("export json", ["export", "{plan}", "--format", "json", "-o", "{out}.json", "--force"]),
    ("export html", ["export", "{plan}", "--format", "html", "-o", "{out}.html", "--force"]),
]


def child(script: str, *args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, cwd=ROOT, env=child_env()
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, cwd=ROOT, env=child_env())
    return time.perf_counter() - start


def cli_supports_force() -> bool:
    text = subprocess.run(
        [*console_script("rollout-board"), "export", "--help"], capture_output=True, text=True, check=False
    ).stdout
    return "--force" in text


def bundled_first_frame(repeat: int) -> None:
    """The bundled plan's first frame as ``rollout-board plans/phased-rollout.toml`` opens it, beside a bare
    Textual app (Header, Static, Footer), run in turn; wall time and the child's CPU time."""
    bundled = str(ROOT / "plans" / "phased-rollout.toml")
    child(FIRST_FRAME, "board", bundled)  # warm the bytecode caches
    bare, board, bare_cpu, board_cpu = [], [], [], []
    for _ in range(repeat):
        for kind, walls, cpus in (("bare", bare, bare_cpu), ("board", board, board_cpu)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            walls.append(float(child(FIRST_FRAME, kind, bundled)["first_frame"]))  # type: ignore[arg-type]
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    ratio = statistics.median(board) / statistics.median(bare)
    cpu_ratio = statistics.median(board_cpu) / statistics.median(bare_cpu)
    print(
        f"\nbundled plan, first frame {statistics.median(board) * 1000:.0f} ms beside a bare Textual app"
        f" {statistics.median(bare) * 1000:.0f} ms: ×{ratio:.2f} (CPU ×{cpu_ratio:.2f}; target ≤ ×1.4)"
        f" {'PASS' if ratio <= 1.4 else 'MISS'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="100,5000,20000,50000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--skip-keys", action="store_true", help="leave out the key latency run")
    args = parser.parse_args(argv)

    from bench.generate import generate_plan
    from board import store

    sizes = [int(s) for s in args.sizes.split(",") if s]
    force = cli_supports_force()
    print(f"Scale run — {time.strftime('%Y-%m-%d %H:%M')}, {machine()}; medians of {args.repeat} runs")
    bundled_first_frame(max(args.repeat, 5))
    ratios: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"plan-{size}.toml"
            store.save(generate_plan(size, seed=1, linked=True), path)
            print(f"\n{size:,} objectives ({path.stat().st_size / 1024:,.0f} KiB)")
            child(FIRST_FRAME, "board", str(path))  # warm the bytecode caches
            floors, frames, facts = [], [], {}
            for _ in range(args.repeat):  # alternate, so drift on the machine affects both alike
                floors.append(float(child(FIRST_FRAME, "floor", str(path))["first_frame"]))  # type: ignore[arg-type]
                facts = child(FIRST_FRAME, "board", str(path))
                frames.append(float(facts["first_frame"]))  # type: ignore[arg-type]
            floor, frame = statistics.median(floors), statistics.median(frames)
            memory = float(facts["max_rss_mb"])  # type: ignore[arg-type]
            target = ""
            if size == 5000:
                target = f"target ≤ ×1.6 of the floor {'PASS' if frame / floor <= 1.6 else 'MISS'}"
            elif size == 50000:
                target = (
                    f"target ≤ 1.5 s {'PASS' if frame <= 1.5 else 'MISS'},"
                    f" ≤ 250 MB {'PASS' if memory <= 250 else 'MISS'}"
                )
            print(
                f"  first frame            {frame * 1000:7.0f} ms   floor (parse + trivial app) {floor * 1000:6.0f} ms"
                f"   ×{frame / floor:.2f}   {facts['widgets']} widgets, {memory:.0f} MB peak  {target}"
            )
            if not args.skip_keys:
                keys = child(KEYS, str(path), str(args.presses))
                limit = 0.100 if size <= 20000 else 0.250
                cpu: dict[str, float] = keys.get("cpu", {})  # type: ignore[assignment]
                for name, seconds in keys["keys"].items():  # type: ignore[union-attr]
                    verdict = "PASS" if seconds <= limit else "MISS"
                    print(
                        f"  key {name:<22} {seconds * 1000:7.1f} ms   (app thread CPU {cpu.get(name, 0) * 1000:6.1f} ms)"
                        f"   target ≤ {limit * 1000:.0f} ms {verdict}"
                    )
                print(f"  space left unsaved after its frame: {keys['unsaved']} of {args.presses}")
            floor_cli = statistics.median(wall([sys.executable, "-c", FLOOR, str(path)]) for _ in range(args.repeat))
            print(f"  CLI floor: tomli.load in a fresh Python {floor_cli * 1000:7.0f} ms")
            oid = store.load(path).objectives[-1].id
            for name, template in CLI:
                words = [w.format(plan=path, oid=oid, out=Path(folder) / f"out-{size}") for w in template]
                if not force and "--force" in words:
                    words.remove("--force")
                seconds = statistics.median(
                    wall([*console_script("rollout-board"), *words]) for _ in range(args.repeat)
                )
                ratio = seconds / floor_cli
                verdict = "PASS" if ratio <= 2.5 else "MISS"
                print(f"  {name:<24} {seconds * 1000:7.0f} ms   ×{ratio:.2f} of the floor (target ≤ ×2.5) {verdict}")
                ratios.setdefault(name, {})[size] = ratio
    print("\nCommands against the plan's size (the floor reads the whole file, so a steady ratio is linear time)")
    growth(ratios)
    return 0


def growth(ratios: dict[str, dict[int, float]]) -> None:
    """No command's time grows faster than the plan: its ratio to the floor (which reads the whole file)
    at the largest size beside the smallest size of at least 5,000 objectives (below that a command is
    its imports). Allowed: 25 % more, for the noise of a shared machine."""
    for name, by_size in ratios.items():
        sizes = sorted(size for size in by_size if size >= 5000)
        if len(sizes) < 2:
            continue
        small, large = sizes[0], sizes[-1]
        change = by_size[large] / by_size[small]
        verdict = "PASS" if change <= 1.25 else "MISS"
        print(
            f"{name:<24} ×{by_size[small]:.2f} of the floor at {small:,}, ×{by_size[large]:.2f} at {large:,}:"
            f" grows {'no faster than' if change <= 1.25 else 'faster than'} the plan {verdict}"
        )


if __name__ == "__main__":
    sys.exit(main())
