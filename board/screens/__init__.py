"""The board's screens: the board itself, the objective, forms, help and panels."""
