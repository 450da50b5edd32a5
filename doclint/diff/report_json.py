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

from doclint.text import rx

from doclint.diff.model import DiffResult

# json.dumps escapes C0 controls but writes DEL, C1 controls, separators and
# lone surrogates as they are; escape those too (they can only occur inside
# strings), so the output is plain, encodable UTF-8 and the texts stay exact.
_RAW = rx.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def render_json(res: DiffResult, **_) -> str:
    out = json.dumps(res.to_dict(), ensure_ascii=False, indent=2)
    return _RAW.sub(lambda m: "\\u%04x" % ord(m.group(0)), out) + "\n"
