"""`--format junit`: JUnit XML, one test case per file, one failure per finding.

A clean file is a passing test case; a file that could not be read is a test
case with an <error>. Text is escaped by ElementTree, and characters that XML
1.0 cannot carry at all (most control characters) are replaced by U+FFFD, so
the output is always well-formed.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from doclint.reporters import Reporter
from doclint.text.display import xml_safe as clean

class JunitReporter(Reporter):
    def __init__(self, stream, **kw):
        super().__init__(stream, **kw)
        self.cases = []

    def file(self, result):
        self.cases.append((result.path, list(result.findings), result.error))

    def finish(self, results):
        failures = sum(len(f) for _, f, _ in self.cases)
        errors = sum(1 for *_, e in self.cases if e)
        suites = ET.Element("testsuites", name="doclint", tests=str(len(self.cases)),
                            failures=str(failures), errors=str(errors))
        suite = ET.SubElement(suites, "testsuite", name="doclint", tests=str(len(self.cases)),
                              failures=str(failures), errors=str(errors))
        for path, findings, error in self.cases:
            case = ET.SubElement(suite, "testcase", classname="doclint", name=clean(path), file=clean(path))
            if error:
                ET.SubElement(case, "error", message=clean(error), type="InputError").text = clean(error)
            for f in findings:
                loc = f"{f.path}:{f.line}:{f.column}"
                msg = f"{f.code} {f.message}"
                el = ET.SubElement(case, "failure", message=clean(msg), type=f"{f.code} {f.severity}")
                el.text = clean(f"{loc}: {f.code} [{f.severity}] {f.message}\n{f.text}")
        ET.indent(suites) if hasattr(ET, "indent") else None
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(suites, encoding="unicode"))
        self.stream.write("\n")
