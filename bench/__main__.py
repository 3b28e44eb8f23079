"""``python -m bench``: the whole table — the store, then the board and the CLI from 100 to 50,000 objectives.

Each part prints its figures beside its floor and its target. Options go to the
scale run (``--sizes``, ``--repeat``, ``--presses``); see bench/README.md.
"""

from __future__ import annotations

import sys

from bench import bench_store, scale


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    bench_store.main(["--sizes", "100,5000", "--repeat", "5"])
    print()
    return scale.main(args)


if __name__ == "__main__":
    sys.exit(main())
