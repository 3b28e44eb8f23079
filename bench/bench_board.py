"""The board's speed: time to first frame, a status change shown and saved, memory, widget count.

    python -m bench.bench_board [--sizes 1000,5000] [--repeat 5]

Every figure is a median over ``--repeat`` fresh processes (first frame,
memory) or presses (status change). The bundled plan's first frame is measured
side by side with a bare Textual app (Header, Static, Footer) in the same run,
and reported as a ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "plans" / "phased-rollout.toml"

# Run in a child process: start the app headless, leave at its first frame, print facts as JSON.
FIRST_FRAME = r"""
import json, resource, sys, time
start = time.perf_counter()
kind, path = sys.argv[1], sys.argv[2]
if kind == "bare":
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    app = Bare()
else:
    from pathlib import Path
    from board.app import RolloutApp

    app = RolloutApp(Path(path), watch_interval=0)
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

# Run in a child process: press space on objectives across the plan, time until shown and saved.
STATUS_CHANGE = r"""
import asyncio, json, statistics, sys, time
from pathlib import Path
from board.app import RolloutApp

async def main():
    app = RolloutApp(Path(sys.argv[1]), watch_interval=0)
    times = []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the store's text cache is warmed after the first frame
        screen = app.main_screen
        editor = app.session.editor
        ids = [o.id for o in app.session.plan.objectives]
        for n in range(int(sys.argv[2])):
            oid = ids[(n * 7919) % len(ids)]
            screen.board.select(oid)
            await pilot.pause()
            shown = asyncio.Event()
            start = time.perf_counter()
            screen.apply(lambda: editor.advance(oid))
            # Shown: the next screen refresh after the change has been painted.
            app.call_after_refresh(shown.set)
            await shown.wait()
            times.append(time.perf_counter() - start)
            assert not app.session.unsaved
            await pilot.pause()
    print(json.dumps({"status_change": statistics.median(times)}))

asyncio.run(main())
"""


def run_child(script: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(script: str, args: list[str], key: str, repeat: int) -> tuple[float, dict[str, float]]:
    runs = [run_child(script, *args) for _ in range(repeat)]
    return statistics.median(r[key] for r in runs), runs[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args(argv)

    from bench.generate import generate_plan
    from board import store

    # Warm the bytecode caches so the first measured run is not a cold start.
    bare_facts = run_child(FIRST_FRAME, "bare", "")
    run_child(FIRST_FRAME, "board", str(BUNDLED))

    rows: list[tuple[str, str, str, str]] = []
    # Alternate the two apps so drift on the machine affects both alike.
    bundled_runs = []
    bare_runs = []
    for _ in range(args.repeat):
        bare_runs.append(run_child(FIRST_FRAME, "bare", "")["first_frame"])
        bundled_runs.append(run_child(FIRST_FRAME, "board", str(BUNDLED)))
    bare = statistics.median(bare_runs)
    bundled = statistics.median(r["first_frame"] for r in bundled_runs)
    ratio = bundled / bare
    rows.append(("bare Textual app, first frame", f"{bare * 1000:.0f} ms", "", f"{bare_facts['widgets']} widgets"))
    rows.append(
        (
            "bundled plan, first frame",
            f"{bundled * 1000:.0f} ms",
            f"×{ratio:.2f} of bare (target ≤ ×1.3) {'PASS' if ratio <= 1.3 else 'MISS'}",
            f"{bundled_runs[-1]['widgets']} widgets",
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            path = Path(folder) / f"plan-{size}.toml"
            store.save(generate_plan(size, seed=1), path)
            frame, facts = median_of(FIRST_FRAME, ["board", str(path)], "first_frame", args.repeat)
            target = " (target < 1.0 s)" if size == 5000 else ""
            verdict = ("PASS" if frame < 1.0 else "MISS") if size == 5000 else ""
            rows.append(
                (
                    f"{size} objectives, first frame",
                    f"{frame * 1000:.0f} ms",
                    f"{target} {verdict}".strip(),
                    f"{facts['widgets']} widgets",
                )
            )
            rss = facts["max_rss_mb"]
            if size == 5000:
                rows.append(
                    (
                        f"{size} objectives, peak memory",
                        f"{rss:.0f} MB",
                        f"(target < 150 MB) {'PASS' if rss < 150 else 'MISS'}",
                        "",
                    )
                )
            else:
                rows.append((f"{size} objectives, peak memory", f"{rss:.0f} MB", "", ""))
            change = run_child(STATUS_CHANGE, str(path), str(args.presses))["status_change"]
            verdict = "PASS" if change < 0.050 else "MISS"
            rows.append(
                (
                    f"{size} objectives, status change shown + saved",
                    f"{change * 1000:.1f} ms",
                    f"(target < 50 ms) {verdict}",
                    "",
                )
            )

    width = max(len(r[0]) for r in rows)
    print(
        f"Board benchmark — medians of {args.repeat} runs, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}"
    )
    for name, value, note, extra in rows:
        print(f"  {name:<{width}}  {value:>9}  {note:<36} {extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
