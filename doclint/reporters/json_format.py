"""`--format json`: one JSON array of findings with the documented keys, as UTF-8."""
from __future__ import annotations

from doclint.reporters import Reporter, json_text


class JsonReporter(Reporter):
    def __init__(self, stream, **kw):
        super().__init__(stream, **kw)
        self.items = []

    def file(self, result):
        for f in result.findings:
            self.items.append(f.to_dict(result.doc, self.lang))

    def finish(self, results):
        # Readable UTF-8 (greppable Chinese); json_text still escapes what could
        # drive a terminal. One write: json.dump to a click stream makes
        # millions of tiny writes.
        self.stream.write(json_text(self.items) + "\n")
