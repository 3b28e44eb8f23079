"""``python -m board``: the same as the ``rollout-board`` command."""

from board.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
