"""The draft differ (`doclint diff`): sentence alignment, moves, word-level edits, reports."""
