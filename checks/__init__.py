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
table true.
"""
