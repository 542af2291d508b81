#!/usr/bin/python3
"""Differential-test driver for pyspf (Debian python3-spf).

Reads JSON on stdin: {"cases": [{"answers": {"name|TYPE": {"records": [...]} | {"error": KIND}},
"ip": ..., "sender": ..., "helo": ...}, ...]} and writes a JSON list of {"result", "explanation"}
(explanation is null unless the domain's exp= text was used). DNS comes only from "answers": a missing
"name|TYPE" is NODATA when the name has any answer, else NXDOMAIN; error TIMEOUT/SERVFAIL raise TempError.
"""
import json
import sys

import spf

ANSWERS = {}
NAMES = set()


def lookup(name, qtype, strict=True, timeout=None):
    name = name.lower().rstrip('.')
    entry = ANSWERS.get(name + '|' + qtype)
    if entry is None:
        return []
    if 'error' in entry:
        if entry['error'] in ('NXDOMAIN', 'NODATA'):
            return []
        raise spf.TempError('DNS ' + entry['error'])
    out = []
    for r in entry['records']:
        if qtype == 'TXT':
            out.append(((name, qtype), [s.encode('utf-8') for s in r]))
        elif qtype == 'MX':
            out.append(((name, qtype), (r['priority'], r['exchange'])))
        else:
            out.append(((name, qtype), r))
    return out


spf.DNSLookup = lookup


def main():
    global ANSWERS
    data = json.load(sys.stdin)
    results = []
    for case in data['cases']:
        ANSWERS = case['answers']
        try:
            q = spf.query(i=case['ip'], s=case['sender'], h=case['helo'], strict=True)
            q.set_default_explanation('DEFAULT')
            res, _code, exp = q.check()
        except Exception as x:  # a crash in the peer is reported, not hidden
            res, exp = 'crash: %s' % x, None
        res = {'unknown': 'permerror', 'error': 'temperror'}.get(res, res)
        out = {'result': res, 'explanation': None if exp in (None, 'DEFAULT') or res != 'fail' else exp}
        if res in ('permerror', 'temperror'):
            out['detail'] = str(exp)
        results.append(out)
    json.dump(results, sys.stdout)


if __name__ == '__main__':
    main()
