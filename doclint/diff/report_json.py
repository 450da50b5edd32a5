"""JSON report: {"old", "new", "stats", "changes": [...]} (and "lint" with --lint).

One entry per sentence in new-document order (deleted sentences at their old
place): op, old_text, new_text, old_line, new_line, similarity, edits. A
split or merged sentence is one `modify` whose text spans both sentences.
Each edit: {"op": insert|delete|replace, "old", "new", "old_start",
"old_end", "new_start", "new_end"}, offsets in characters into
old_text/new_text.
"""
from __future__ import annotations

import json

from doclint.diff.model import DiffResult


def render_json(res: DiffResult) -> str:
    return json.dumps(res.to_dict(), ensure_ascii=False, indent=2) + "\n"
