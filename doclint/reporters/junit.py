"""`--format junit`: JUnit XML, one test case per file, one failure per finding.

A clean file is a passing test case; a file that could not be read is a test
case with an <error>. Text is escaped by ElementTree; one-line fields go
through `printable` and the body through `visible` (control characters, bidi
overrides and U+2028 never reach a CI log that shows the XML), and characters
that XML 1.0 cannot carry at all are replaced by U+FFFD, so the output is
always well-formed. Severities are named in the report's language.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from doclint.reporters import Reporter, severity_label
from doclint.text.display import escaped, printable, visible, xml_safe


def clean(s: str) -> str:
    """A one-line XML attribute or text: printable and XML-safe."""
    return xml_safe(printable(s))


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
            shown = xml_safe(escaped(path))
            case = ET.SubElement(suite, "testcase", classname="doclint", name=shown, file=shown)
            if error:
                ET.SubElement(case, "error", message=clean(error), type="InputError").text = clean(error)
            for f in findings:
                sev = severity_label(f.severity, self.lang)
                loc = f"{escaped(f.path)}:{f.line}:{f.column}"
                el = ET.SubElement(case, "failure", message=clean(f"{f.code} {f.message}"), type=f"{f.code} {sev}")
                el.text = xml_safe(f"{loc}: {f.code} [{sev}] {printable(f.message)}\n{visible(f.text)}")
        ET.indent(suites) if hasattr(ET, "indent") else None
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(suites, encoding="unicode"))
        self.stream.write("\n")
