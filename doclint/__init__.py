"""doclint: a linter and draft differ for Chinese official documents (公文)."""
__version__ = "0.1.0"
