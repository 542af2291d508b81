#!/usr/bin/python3
"""An independent reader of DMARC aggregate reports, for the differential test (test/reports/differential.test.ts).

Standard library only (xml.etree, gzip, zipfile, email, mailbox, ipaddress), written from RFC 7489 Appendix C and
RFC 9990 without looking at mailgate's reader. For every file below the paths given, it unwraps gzip, zip, an
.eml message or an mbox, parses each XML document with xml.etree.ElementTree, and prints one JSON line per
document: the top-level file, where inside it, and either the report (reporter, report id, rows) or the error.

Normalisation, so that only differences of meaning remain: namespaces are dropped from element names;
results, dispositions and domains are lower-cased (they are case-insensitive); IP addresses are written in
ipaddress's canonical form (an IPv4-mapped IPv6 address as IPv4).

    /usr/bin/python3 test/reports/peer_reader.py DIR_OR_FILE...
"""

import email
import email.policy
import gzip
import io
import ipaddress
import json
import mailbox
import os
import sys
import xml.etree.ElementTree as ET
import zipfile


def local(tag):
    return tag.rsplit('}', 1)[-1] if isinstance(tag, str) else tag


def child(el, name):
    if el is None:
        return None
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def children(el, name):
    return [] if el is None else [c for c in el if local(c.tag) == name]


def text(el, *path, lower=False):
    for name in path:
        el = child(el, name)
    if el is None:
        return None
    t = (el.text or '').strip()
    return t.lower() if lower else t


def canonical_ip(value):
    try:
        a = ipaddress.ip_address(value)
    except ValueError:
        return value
    if isinstance(a, ipaddress.IPv6Address) and a.ipv4_mapped is not None:
        return str(a.ipv4_mapped)
    return str(a)


def read_report(data):
    root = ET.fromstring(data)
    if local(root.tag) != 'feedback':
        raise ValueError('root element is %s, not feedback' % local(root.tag))
    meta = child(root, 'report_metadata')
    org = text(meta, 'org_name') or ''
    rows = []
    for rec in children(root, 'record'):
        row = child(rec, 'row')
        pe = child(row, 'policy_evaluated')
        ids = child(rec, 'identifiers')
        auth = child(rec, 'auth_results')
        rows.append({
            'source_ip': canonical_ip(text(row, 'source_ip') or ''),
            'count': int(text(row, 'count')),
            'disposition': text(pe, 'disposition', lower=True),
            'dkim': text(pe, 'dkim', lower=True),
            'spf': text(pe, 'spf', lower=True),
            'header_from': text(ids, 'header_from', lower=True),
            'envelope_from': text(ids, 'envelope_from', lower=True) or None,
            'envelope_to': text(ids, 'envelope_to', lower=True) or None,
            'auth_dkim': [[text(d, 'domain', lower=True) or '', text(d, 'selector') or '', text(d, 'result', lower=True)]
                          for d in children(auth, 'dkim')],
            'auth_spf': [[text(s, 'domain', lower=True) or '', text(s, 'scope', lower=True) or '', text(s, 'result', lower=True)]
                         for s in children(auth, 'spf')],
        })
    return {
        'org': org,
        'email': text(meta, 'email') or '',
        'report_id': text(meta, 'report_id') or '',
        'domain': text(root, 'policy_published', 'domain', lower=True),
        'rows': rows,
    }


def documents(name, data, depth=0):
    """Yields (where, bytes-or-exception) for every document inside data."""
    if depth > 6:
        yield name, ValueError('nested too deep')
        return
    head = data[:512]
    if data[:2] == b'\x1f\x8b':
        try:
            inner = gzip.decompress(data)
        except Exception as e:  # noqa: BLE001 - the peer reports whatever gzip says
            yield name, e
            return
        yield from documents(name + '!gunzip', inner, depth + 1)
    elif data[:4] == b'PK\x03\x04':
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist():
                    if info.is_dir():
                        continue
                    yield from documents(name + '!' + info.filename, z.read(info), depth + 1)
        except Exception as e:  # noqa: BLE001
            yield name, e
    elif head.lstrip(b'\xef\xbb\xbf \t\r\n').startswith(b'<'):
        yield name, data
    elif head.lstrip(b'\xef\xbb\xbf \t\r\n').startswith(b'{'):
        yield name, ValueError('json (an SMTP TLS report, not read by this peer)')
    elif head.startswith(b'From '):
        box = mailbox.mbox(name) if depth == 0 else None
        if box is None:
            yield name, ValueError('nested mbox')
            return
        for i, msg in enumerate(box, 1):
            yield from message_docs('%s#%d' % (name, i), msg.as_bytes(), depth + 1)
    elif b':' in head.split(b'\n', 1)[0] and not head.strip() == b'':
        yield from message_docs(name, data, depth + 1)
    elif head.strip() == b'':
        yield name, ValueError('empty')
    else:
        yield name, ValueError('not a report')


def message_docs(name, data, depth):
    msg = email.message_from_bytes(data, policy=email.policy.default)
    ctype = msg.get_content_type()
    if ctype == 'multipart/report' and msg.get_param('report-type') == 'feedback-report':
        yield name, ValueError('failure report')
        return
    subject = str(msg.get('subject', ''))
    if 'failure report' in subject.lower() or 'forensic report' in subject.lower():
        yield name, ValueError('failure report')
        return
    found = False
    for part in msg.walk():
        if part.is_multipart():
            continue
        ptype = part.get_content_type()
        if part.get_filename() is None and ptype in ('text/plain', 'text/html'):
            continue
        if ptype == 'message/feedback-report':
            yield name, ValueError('failure report')
            return
        payload = part.get_payload(decode=True)
        if payload is None:
            continue
        found = True
        yield from documents(name + '!' + (part.get_filename() or 'part'), payload, depth + 1)
    if not found:
        yield name, ValueError('no report attachment')


def main(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _dirs, names in os.walk(p):
                for n in names:
                    files.append(os.path.join(root, n))
        else:
            files.append(p)
    for f in sorted(files):
        with open(f, 'rb') as fh:
            data = fh.read()
        for where, doc in documents(f, data):
            out = {'file': f, 'where': where}
            if isinstance(doc, Exception):
                out['error'] = '%s: %s' % (type(doc).__name__, doc)
            else:
                try:
                    out['report'] = read_report(doc)
                except Exception as e:  # noqa: BLE001
                    out['error'] = '%s: %s' % (type(e).__name__, e)
            print(json.dumps(out, sort_keys=True))


if __name__ == '__main__':
    main(sys.argv[1:])
