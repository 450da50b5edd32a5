"""doclint's built-in checks, one module per family of findings (installed as doclint.checks).

    duplicated_word.py   DL101          duplicated words (农业农业, 的的, 区区委)
    wording.py           DL102, DL103   misused words, redundant wording (dictionary misused_words)
    placeholder.py       DL201          unfilled placeholders (×月×日, 某某, 【待补充】)
    numbering.py         DL301-DL305    heading and enumeration numbering (GB/T 9704)
    deadlines.py         DL401-DL403    conflicting deadlines, invalid dates, past deadlines
    punctuation.py       DL501-DL507    punctuation (GB/T 15834)
    numerals.py          DL508-DL510    numerals (GB/T 15835)
    spaces.py            DL511          stray spaces inside Chinese text
    consistency.py       DL601-DL603    counts and lists, repeated passages, names
    facts.py             DL604-DL606    conflicting figures, parts and totals, inconsistent terms
    leftovers.py         DL701, DL702   web-page residue, editor notes

Every module-level `@check` (doclint.plugin.check) is registered; a module whose
name starts with _ holds helpers only. tests/checks/test_checks_map.py keeps this
table and INDEX true.

INDEX (module -> {code: name}) lets a run that selects some checks import only
their modules (doclint.engine.registry.checks_for); it is data, so reading it
imports nothing.
"""

INDEX = {
    "consistency": {"DL601": "count-mismatch", "DL602": "repeated-passage", "DL603": "inconsistent-name"},
    "deadlines": {"DL401": "conflicting-deadline", "DL402": "invalid-date", "DL403": "past-deadline"},
    "duplicated_word": {"DL101": "duplicated-word"},
    "facts": {"DL604": "conflicting-figure", "DL605": "parts-exceed-total", "DL606": "inconsistent-term"},
    "leftovers": {"DL701": "web-residue", "DL702": "editor-note"},
    "numbering": {"DL301": "heading-sequence", "DL302": "numbering-mark", "DL303": "heading-nesting",
                  "DL304": "heading-mixed-forms", "DL305": "enumeration-sequence"},
    "numerals": {"DL508": "approximate-number-dunhao", "DL509": "qian-bai-with-digits",
                 "DL510": "mixed-date-numerals"},
    "placeholder": {"DL201": "unfilled-placeholder"},
    "punctuation": {"DL501": "halfwidth-punctuation", "DL502": "unbalanced-pairs", "DL503": "doubled-punctuation",
                    "DL504": "dunhao-misuse", "DL505": "dunhao-between-quoted", "DL506": "range-hyphen",
                    "DL507": "ellipsis-with-deng"},
    "spaces": {"DL511": "stray-space"},
    "wording": {"DL102": "misused-word", "DL103": "redundant-wording"},
}
