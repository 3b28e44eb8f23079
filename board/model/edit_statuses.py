"""Editing the plan's status set (the board's status columns)."""

from __future__ import annotations

from .edit_base import (
    OpsBase,
    fail,
    insert_position,
    move_in_list,
    move_target,
    one_line,
    refuse_issues,
)
from .history import Change
from .rules import status_issues


class StatusOps(OpsBase):
    def _status_index(self, name: str) -> int:
        try:
            return self.plan.statuses.index(name)
        except ValueError:
            fail(f"no status {name!r} (statuses: {', '.join(self.plan.statuses)})")

    def add_status(self, name: str, index: int | None = None) -> Change:
        """A new status at ``index`` (default: before the last, so the done status stays last)."""
        statuses = self.plan.statuses
        name = one_line(name, "a status", required=False)
        position = insert_position(index, len(statuses), "the status list")
        if index is None:
            position = max(len(statuses) - 1, 0)
        candidate = list(statuses)
        candidate.insert(position, name)
        refuse_issues(status_issues(candidate))
        change = Change(f"added status {name}", structural=True)
        change.insert(statuses, position, name)
        return self._commit(change)

    def rename_status(self, old: str, new: str) -> Change:
        """Rename a status; the objectives in it follow (their ``changed`` dates stay)."""
        statuses = self.plan.statuses
        index = self._status_index(old)
        new = one_line(new, "a status", required=False)
        candidate = list(statuses)
        candidate[index] = new
        refuse_issues(status_issues(candidate))
        change = Change(f"status {old} → {new}", structural=True)
        if new != old:
            change.remove(statuses, index)
            change.insert(statuses, index, new)
            for obj in self.plan.objectives:
                if obj.status == old:
                    change.set(obj, "status", new)
                    change.objectives.add(obj.id)
        return self._commit(change)

    def move_status(self, name: str, delta: int) -> Change:
        """Move a status ``delta`` places (-1 earlier, +1 later) in the status list."""
        statuses = self.plan.statuses
        index = self._status_index(name)
        target = move_target(index, delta, len(statuses), f"status {name!r}")
        change = Change(f"status {name} moved {'earlier' if delta < 0 else 'later'}", structural=True)
        move_in_list(change, statuses, index, target)
        return self._commit(change)

    def delete_status(self, name: str) -> Change:
        """Remove a status no objective uses (a plan keeps at least two)."""
        statuses = self.plan.statuses
        index = self._status_index(name)
        users = self.plan.in_status(name)
        if users:
            many = len(users) > 1
            fail(
                f"status {name!r} is used by {len(users)} objective{'s' if many else ''} ({'e.g. ' if many else ''}{users[0].id!r})"
            )
        candidate = [s for s in statuses if s != name]
        refuse_issues(status_issues(candidate))
        change = Change(f"deleted status {name}", structural=True)
        change.remove(statuses, index)
        return self._commit(change)
