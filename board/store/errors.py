"""The store's exceptions that other store modules raise too."""

from __future__ import annotations


class SaveError(Exception):
    """A plan that could not be written; the file on disk is unchanged. The message is one line."""
