"""User key remaps (``[keys]`` in the settings file) checked against the bindings' ids.

:func:`resolve_keymap` returns what to hand to Textual's ``App.set_keymap``
(binding id -> keys, several keys separated by commas) and one message per
remap it refused, the default being kept: an unknown binding id, a malformed
key, or a key that another binding of the same scope already uses.

Scopes: bindings that are never active together (the board's and a dialog's)
may share a key. Give the defaults per screen, ``{screen: {id: keys}}`` (as
``board.keys.defaults_by_screen`` does), to check clashes within each screen
only; a plain ``{id: keys}`` is one scope.
Binding ids are global, as in Textual's keymap: a remap applies in every scope
that has the id. No Textual here.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Mapping

__all__ = ["MODIFIERS", "normalize_key", "resolve_keymap", "split_keys"]

MODIFIERS = frozenset({"alt", "ctrl", "hyper", "meta", "shift", "super"})
_NAMED = frozenset(
    {"escape", "enter", "tab", "backspace", "delete", "insert", "home", "end", "pageup", "pagedown", "space"}
    | {"up", "down", "left", "right"}
    | {f"f{n}" for n in range(1, 25)}
)
# Names that are the same key to a terminal (Textual's aliases).
_ALIASES = {"ctrl+m": "enter", "ctrl+i": "tab", "ctrl+space": "ctrl+at"}
# Textual's shorter names for some characters.
_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def _character_key(character: str) -> str:
    """A character's key name as Textual spells it: letters and digits as they are, others by Unicode name."""
    if character.isalnum():
        return character
    if character == " ":
        return "space"
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _REPLACEMENTS.get(name, name)


_CHARACTER_NAMES = frozenset(_character_key(c) for c in string.punctuation)


def split_keys(keys: str) -> list[str]:
    """``"j, down"`` -> ``["j", "down"]``."""
    return [k.strip() for k in keys.split(",") if k.strip()]


def normalize_key(key: str) -> str | None:
    """A key in Textual's spelling (``"?"`` -> ``"question_mark"``, modifiers sorted); None when it is not a key."""
    key = key.strip()
    if len(key) == 1:
        return _character_key(key)
    *modifiers, base = key.split("+")
    modifiers = [m.lower() for m in modifiers]
    if not base or any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return None
    if len(base) == 1:
        base = _character_key(base)
    elif base.lower() in _NAMED or base.lower() in _CHARACTER_NAMES:
        base = base.lower()
    else:
        return None
    return "+".join([*sorted(modifiers), base])


def _same_key(key: str) -> str:
    return _ALIASES.get(key, key)


def _lenient(keys: str) -> set[str]:
    """The keys of a default binding, as compared for clashes."""
    return {_same_key(normalize_key(k) or k) for k in split_keys(keys)}


def resolve_keymap(
    defaults: Mapping[str, str] | Mapping[str, Mapping[str, str]],
    overrides: Mapping[str, str],
    places: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """The remaps to apply (id -> keys, for ``App.set_keymap``) and one message per remap refused.

    ``defaults``: binding id -> keys without remaps, or scope -> {id -> keys}.
    ``overrides``: the user's remaps, binding id -> keys (``"ctrl+r"``, ``"j,down"``).
    ``places``: binding id -> where its remap is written (``FILE:LINE:COL``), put before its message.
    """
    scopes: dict[str, Mapping[str, str]]
    if defaults and all(isinstance(v, Mapping) for v in defaults.values()):
        scopes = {str(name): table for name, table in defaults.items()}  # type: ignore[misc]
    else:
        scopes = {"": defaults}  # type: ignore[dict-item]
    default_keys: dict[str, str] = {}
    for table in scopes.values():
        for binding_id, keys in table.items():
            default_keys.setdefault(binding_id, keys)

    problems: dict[str, str] = {}
    accepted: dict[str, list[str]] = {}
    for binding_id, keys in overrides.items():
        if binding_id not in default_keys:
            problems[binding_id] = f"keys: unknown binding id {binding_id!r}; ignored"
            continue
        wanted = split_keys(keys) if isinstance(keys, str) else []
        normal = [normalize_key(k) for k in wanted]
        bad = [k for k, n in zip(wanted, normal, strict=False) if n is None]
        if not wanted or bad:
            what = repr(bad[0]) if bad else repr(keys)
            problems[binding_id] = (
                f"keys: {binding_id} = {keys!r}: {what} is not a key name; kept {default_keys[binding_id]!r}"
            )
            continue
        accepted[binding_id] = list(dict.fromkeys(n for n in normal if n is not None))

    # Refuse clashing remaps one at a time, the latest first, until none is left:
    # a refused remap brings its default back, which may clash with another remap.
    while True:
        clash = _first_clash(scopes, accepted)
        if clash is None:
            break
        binding_id, key, other = clash
        del accepted[binding_id]
        problems[binding_id] = (
            f"keys: {binding_id} = {overrides[binding_id]!r}: {key} is already the key of {other}; "
            f"kept {default_keys[binding_id]!r}"
        )

    order = list(overrides)
    where = places or {}
    messages = [f"{where[i]}: {problems[i]}" if i in where else problems[i] for i in sorted(problems, key=order.index)]
    return {binding_id: ",".join(keys) for binding_id, keys in accepted.items()}, messages


def _first_clash(
    scopes: Mapping[str, Mapping[str, str]], accepted: Mapping[str, list[str]]
) -> tuple[str, str, str] | None:
    """(remapped id, key, the other id) for the latest remap that shares a key with another binding of a scope."""
    for binding_id in reversed(list(accepted)):
        mine = accepted[binding_id]
        for table in scopes.values():
            if binding_id not in table:
                continue
            for other, keys in table.items():
                if other == binding_id:
                    continue
                theirs = {_same_key(k) for k in accepted[other]} if other in accepted else _lenient(keys)
                for key in mine:
                    if _same_key(key) in theirs:
                        return binding_id, key, other
    return None
