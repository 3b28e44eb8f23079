"""User key remaps (``[keys]`` in the settings file) checked against the bindings' ids.

``resolve_keymap`` returns what to hand to Textual's ``App.set_keymap`` and one
message per problem: an unknown binding id, a malformed key, or a clash with
another binding's key (the default is kept). No Textual here.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^(?:(?:ctrl|shift|alt|super|meta)\+)*(?:[a-z0-9_]+|.)$")


def split_keys(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",") if k.strip()]


def resolve_keymap(defaults: dict[str, str], overrides: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """``defaults``: binding id -> keys in force without remaps; ``overrides``: the user's remaps."""
    problems: list[str] = []
    accepted: dict[str, str] = {}
    for binding_id, keys in overrides.items():
        if binding_id not in defaults:
            problems.append(f"keys: unknown binding id {binding_id!r}; kept the defaults")
            continue
        bad = [k for k in split_keys(keys) if not _KEY.match(k)]
        if not split_keys(keys) or bad:
            problems.append(f"keys: {binding_id} = {keys!r} is not a key name; kept {defaults[binding_id]!r}")
            continue
        accepted[binding_id] = keys
    for binding_id in list(accepted):
        in_force = {**defaults, **accepted}
        for key in split_keys(accepted[binding_id]):
            other = next((o for o, keys in in_force.items() if o != binding_id and key in split_keys(keys)), None)
            if other is not None:
                problems.append(f"keys: {binding_id} = {key!r} clashes with {other}; kept {defaults[binding_id]!r}")
                del accepted[binding_id]
                break
    return accepted, problems
