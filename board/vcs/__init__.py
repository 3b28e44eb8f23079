"""The plan in git: the merge driver, its setup, the plan at a revision, history. No Textual here."""
