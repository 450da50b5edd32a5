"""`--format json`: one JSON array of findings with the documented keys."""
from __future__ import annotations

import json

from doclint.reporters import Reporter


class JsonReporter(Reporter):
    def __init__(self, stream, **kw):
        super().__init__(stream, **kw)
        self.items = []

    def file(self, result):
        for f in result.findings:
            self.items.append(f.to_dict(result.doc, self.lang))

    def finish(self, results):
        # ensure_ascii keeps output pure ASCII: safe in any terminal or CI log,
        # and lone surrogates in a document cannot produce invalid UTF-8.
        # One write: json.dump to a click stream makes millions of tiny writes.
        self.stream.write(json.dumps(self.items, ensure_ascii=True, indent=2) + "\n")
