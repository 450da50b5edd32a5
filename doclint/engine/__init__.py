"""The engine: configuration, the check registry, a run's session, fixes, suppression, baselines.

Nothing here reads or writes user files except through doclint.files; nothing
here prints. The CLI (doclint.cli) and the Python API (doclint.api) drive it.
"""
