export const id = 122;
export const ids = [122];
export const modules = {

/***/ 122:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CARES_ERROR_KINDS: () => (/* reexport */ CARES_ERROR_KINDS),
  DEFAULT_TIMEOUT_MS: () => (/* reexport */ defaults/* DEFAULT_TIMEOUT_MS */.t),
  DEFAULT_TRIES: () => (/* reexport */ defaults/* DEFAULT_TRIES */.g),
  caresErrorKind: () => (/* reexport */ caresErrorKind),
  decodeTxtRecord: () => (/* reexport */ txt_octets/* decodeTxtRecord */.m),
  parseServer: () => (/* binding */ parseServer),
  systemResolver: () => (/* binding */ systemResolver)
});

// EXTERNAL MODULE: external "node:dns/promises"
var promises_ = __webpack_require__(71553);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./lib/dns/defaults.js
var defaults = __webpack_require__(91341);
;// CONCATENATED MODULE: ./lib/dns/error-codes.js
/**
 * The one table from c-ares-style error codes to {@link DnsFailureKind}s, used by `system.ts` (errors from
 * `node:dns/promises`) and `wire.ts` (our stub resolver names its failures and socket errors the same way).
 *
 * @module
 */
/**
 * How each c-ares error code (as found in `err.code` from `node:dns/promises`, and as `wire.ts` names its own
 * failures and socket errors) maps to a {@link DnsFailureKind}.
 *
 * | c-ares code | kind | why |
 * | --- | --- | --- |
 * | `ENOTFOUND` | `NXDOMAIN` | RCODE 3: the name does not exist |
 * | `ENODATA` | `NODATA` | NOERROR with no record of the type (also: an empty result array) |
 * | `ETIMEOUT` | `TIMEOUT` | no answer after all tries |
 * | `ECONNREFUSED`, `EHOSTUNREACH`, `ENETUNREACH`, `EADDRNOTAVAIL` | `TIMEOUT` | no server could be reached (e.g. ICMP port unreachable on UDP, refused TCP, no route): no answer, so "could not find out" — never a definitive NXDOMAIN/NODATA |
 * | `ECANCELLED`, `EDESTRUCTION` | `TIMEOUT` | the query was abandoned before an answer arrived |
 * | `ESERVFAIL` | `SERVFAIL` | RCODE 2 |
 * | `EBADRESP`, `EOF` | `SERVFAIL` | the server's reply was malformed or the connection closed mid-reply (a server failure) |
 * | `EREFUSED` | `REFUSED` | RCODE 5 |
 * | `ENOTIMP`, `EFORMERR` | `REFUSED` | RCODE 4 / RCODE 1: the server will not answer this question |
 * | `EBADNAME`, `EBADQUERY`, `EBADSTR` | `BADNAME` | the name cannot be put in a query |
 * | anything else (`ENOMEM`, `EFILE`, an error without a code...) | `SERVFAIL` | a local failure: treated as temporary, never as "no record" |
 */
const CARES_ERROR_KINDS = Object.freeze({
    ENOTFOUND: 'NXDOMAIN',
    ENODATA: 'NODATA',
    ETIMEOUT: 'TIMEOUT',
    ECONNREFUSED: 'TIMEOUT',
    EHOSTUNREACH: 'TIMEOUT',
    ENETUNREACH: 'TIMEOUT',
    EADDRNOTAVAIL: 'TIMEOUT',
    ECANCELLED: 'TIMEOUT',
    EDESTRUCTION: 'TIMEOUT',
    ESERVFAIL: 'SERVFAIL',
    EBADRESP: 'SERVFAIL',
    EOF: 'SERVFAIL',
    EREFUSED: 'REFUSED',
    ENOTIMP: 'REFUSED',
    EFORMERR: 'REFUSED',
    EBADNAME: 'BADNAME',
    EBADQUERY: 'BADNAME',
    EBADSTR: 'BADNAME',
});
/**
 * Maps a c-ares error code to a {@link DnsFailureKind} per {@link CARES_ERROR_KINDS}; unknown or missing codes give
 * `SERVFAIL`.
 */
function caresErrorKind(code) {
    return ((code !== undefined && Object.hasOwn(CARES_ERROR_KINDS, code) ? CARES_ERROR_KINDS[code] : undefined) ??
        'SERVFAIL');
}

// EXTERNAL MODULE: ./lib/dns/resolver.js
var resolver = __webpack_require__(97893);
// EXTERNAL MODULE: ./lib/dns/txt-octets.js
var txt_octets = __webpack_require__(49284);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:dgram"
var external_node_dgram_ = __webpack_require__(41314);
// EXTERNAL MODULE: ./node_modules/dns-packet/index.js
var dns_packet = __webpack_require__(14894);
;// CONCATENATED MODULE: ./lib/dns/wire.js
/**
 * A small stub-resolver client (RFC 1035 §4.2, RFC 7766) on `dns-packet`, for the names c-ares will not query.
 *
 * c-ares (behind `node:dns`) refuses names that are legal in DNS (RFC 2181 §11: any octet may appear in a label)
 * but not in host names, such as `foo:bar/baz.example.com` — SPF macros (RFC 7208 §7) produce them — and it reads
 * a `\` in a name as an escape, so it would ask for another name. `systemResolver` sends those questions through
 * {@link queryWire} instead, to the same servers, and gets records in the same shapes.
 *
 * What {@link queryWire} does, per try:
 * - **UDP first** (RFC 1035 §4.2.1), from a connected socket on a random port, with a random 16-bit ID, RD=1 and
 *   no EDNS0 (like c-ares in Node 24: answers over 512 octets come back truncated). A datagram is accepted only
 *   when it is a response whose ID and question (name case-insensitively, type, class IN) match the query; any
 *   other datagram (spoofing, cross-talk, a late answer to an earlier try) is ignored and the wait goes on.
 * - **TC=1** → the same question again over **TCP** to the same server (2-octet length prefix, replies reassembled
 *   from partial reads, RFC 7766 §8), within the same per-try timeout.
 * - **Tries**: `tries` rounds over the server list, in order; each try waits at most `timeoutMs`. A server that
 *   answers SERVFAIL, REFUSED, NOTIMP or FORMERR is skipped in later rounds (as c-ares does); the result is the
 *   first NOERROR/NXDOMAIN answer, else the failure of the last try.
 *
 * The failure kinds and messages follow the c-ares table in `error-codes.ts` (`CARES_ERROR_KINDS`): no reply →
 * `TIMEOUT` (`ETIMEOUT`); connection refused or network unreachable → `TIMEOUT` (`ECONNREFUSED`, ...); RCODE 2 →
 * `SERVFAIL`; RCODE 5/4/1 → `REFUSED`; a reply that matched the query but could not be decoded, or a TCP connection
 * closed mid-reply → `SERVFAIL` (`EBADRESP`, `EOF`); RCODE 3 → `NXDOMAIN`; NOERROR without a record of the type →
 * `NODATA`. Sockets are always closed; nothing is thrown.
 *
 * @module
 */








/**
 * Splits `ipv4`, `ipv4:port`, `ipv6`, `[ipv6]` or `[ipv6]:port` (port 1..65535, default 53) into its parts.
 *
 * @returns the address, or `null` when the string is in none of those forms (never throws).
 */
function parseServerAddress(server) {
    if (typeof server !== 'string')
        return null;
    const port = (text) => {
        if (text === undefined)
            return 53;
        const n = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
        return n >= 1 && n <= 65535 ? n : null;
    };
    const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(server);
    if (bracketed) {
        const host = bracketed[1] ?? '';
        const p = port(bracketed[2]);
        return (0,external_node_net_.isIPv6)(host) && p !== null ? { host, port: p, family: 6 } : null;
    }
    if ((0,external_node_net_.isIPv4)(server))
        return { host: server, port: 53, family: 4 };
    if ((0,external_node_net_.isIPv6)(server))
        return { host: server, port: 53, family: 6 };
    const hostPort = /^([^:]+):([^:]*)$/.exec(server);
    const p = port(hostPort?.[2]);
    return hostPort && (0,external_node_net_.isIPv4)(hostPort[1] ?? '') && p !== null
        ? { host: hostPort[1], port: p, family: 4 }
        : null;
}
/**
 * Formats 16 address octets as `inet_ntop` does (and so as node's `resolve6` returns them): RFC 5952 text
 * (lower-case hex, the first longest run of two or more zero groups as `::`), except that an IPv4-mapped
 * (`::ffff:0:0/96`) or IPv4-compatible (`::/96`, but not `::` or `::1`...) address ends in dotted-quad form.
 */
function formatIPv6(octets) {
    const words = [];
    for (let i = 0; i < 8; i++)
        words.push(((octets[2 * i] ?? 0) << 8) | (octets[2 * i + 1] ?? 0));
    let bestBase = -1;
    let bestLen = 0;
    for (let i = 0; i < 8;) {
        if (words[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && words[j] === 0)
            j++;
        if (j - i > bestLen) {
            bestBase = i;
            bestLen = j - i;
        }
        i = j;
    }
    if (bestLen < 2)
        bestBase = -1;
    const dotted = () => `${octets[12]}.${octets[13]}.${octets[14]}.${octets[15]}`;
    if (bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
        return bestLen === 6 ? `::${dotted()}` : `::ffff:${dotted()}`;
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
        if (i === bestBase) {
            out += '::';
            i += bestLen - 1;
            continue;
        }
        if (out !== '' && !out.endsWith(':'))
            out += ':';
        out += (words[i] ?? 0).toString(16);
    }
    return out;
}
/** Parses IPv6 text (as dns-packet decodes an AAAA record) into 16 octets; null if it is not IPv6 text. */
function ipv6Octets(text) {
    if (!(0,external_node_net_.isIPv6)(text))
        return null;
    let head = text;
    const tail = [];
    const v4 = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
    if (v4) {
        head = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
        const [a, b, c, d] = [v4[2], v4[3], v4[4], v4[5]].map(Number);
        tail.push((a << 8) | b, (c << 8) | d);
    }
    const groups = (part) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
    const halves = head.split('::');
    const left = groups(halves[0] ?? '');
    const right = halves.length > 1 ? groups(halves[1] ?? '') : [];
    const fill = 8 - tail.length - left.length - right.length;
    const words = [...left, ...Array(halves.length > 1 ? fill : 0).fill(0), ...right, ...tail];
    if (words.length !== 8)
        return null;
    const out = new Uint8Array(16);
    words.forEach((w, i) => {
        out[2 * i] = w >> 8;
        out[2 * i + 1] = w & 0xff;
    });
    return out;
}
/** Lower-cases ASCII letters only (DNS names compare case-insensitively in ASCII, RFC 4343). */
function asciiLower(name) {
    return name.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
/** A name from a reply: without the trailing dot, lower-case (as `system.ts` returns host names). */
function hostName(name) {
    return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
}
/** Whether two names are the same (ASCII case-insensitive, trailing dot ignored). */
function sameName(a, b) {
    return asciiLower(a.replace(/\.$/, '')) === asciiLower(b.replace(/\.$/, ''));
}
function failure(name, type, code) {
    return (0,resolver/* dnsFailure */.O$)(name, type, caresErrorKind(code), code);
}
/** RCODE → c-ares-style code for the error RCODEs (RFC 1035 §4.1.1). */
function rcodeCode(rcode) {
    switch (rcode) {
        case 1:
            return 'EFORMERR';
        case 2:
            return 'ESERVFAIL';
        case 4:
            return 'ENOTIMP';
        case 5:
            return 'EREFUSED';
        default:
            return 'ESERVFAIL';
    }
}
function buildQuestion(name, type) {
    const id = (0,external_node_crypto_.randomInt)(0, 0x10000);
    const message = dns_packet.encode({
        type: 'query',
        id,
        flags: dns_packet.RECURSION_DESIRED,
        questions: [{ type, class: 'IN', name }],
    });
    return { name, type, id, message };
}
/**
 * Checks a received message against the question: `'match'` (decoded reply in `packet`), `'bad'` (the ID matches
 * but the message is not a decodable reply to the question) or `'other'` (not for us).
 */
function match(q, message) {
    if (message.length < 12 || message.readUInt16BE(0) !== q.id)
        return { kind: 'other' };
    let packet;
    try {
        packet = dns_packet.decode(message);
    }
    catch {
        return { kind: 'bad' };
    }
    const questions = packet.questions ?? [];
    const question = questions[0];
    if (packet.type !== 'response' ||
        questions.length !== 1 ||
        question === undefined ||
        question.type !== q.type ||
        (question.class ?? 'IN') !== 'IN' ||
        !sameName(question.name, q.name)) {
        return { kind: 'other' };
    }
    return { kind: 'match', packet };
}
function errorCode(err) {
    const code = err?.code;
    return typeof code === 'string' ? code : 'ESERVFAIL';
}
/** Asks one server over UDP; waits at most `timeoutMs`. Never rejects. */
function udpExchange(server, q, timeoutMs) {
    return new Promise((resolve) => {
        let done = false;
        let sawBad = false;
        const socket = external_node_dgram_.createSocket(server.family === 6 ? 'udp6' : 'udp4');
        const finish = (outcome) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            socket.removeAllListeners('message');
            try {
                socket.close();
            }
            catch {
                // already closed
            }
            resolve(outcome);
        };
        const timer = setTimeout(() => finish({ error: sawBad ? 'EBADRESP' : 'ETIMEOUT' }), timeoutMs);
        socket.on('error', (err) => finish({ error: errorCode(err) }));
        socket.on('message', (message) => {
            const m = match(q, message);
            if (m.kind === 'match')
                finish({ reply: m.packet });
            else if (m.kind === 'bad')
                sawBad = true;
        });
        try {
            socket.connect(server.port, server.host, () => {
                if (done)
                    return;
                socket.send(q.message, (err) => {
                    if (err)
                        finish({ error: errorCode(err) });
                });
            });
        }
        catch (err) {
            finish({ error: errorCode(err) });
        }
    });
}
/** Asks one server over TCP (RFC 7766); waits at most `timeoutMs` for connect and reply. Never rejects. */
function tcpExchange(server, q, timeoutMs) {
    return new Promise((resolve) => {
        let done = false;
        let pending = Buffer.alloc(0);
        const socket = external_node_net_.connect({ host: server.host, port: server.port });
        const finish = (outcome) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            socket.removeAllListeners('data');
            socket.destroy();
            resolve(outcome);
        };
        const timer = setTimeout(() => finish({ error: 'ETIMEOUT' }), timeoutMs);
        socket.on('error', (err) => finish({ error: errorCode(err) }));
        socket.on('close', () => finish({ error: 'EOF' }));
        socket.on('connect', () => {
            const framed = Buffer.alloc(2 + q.message.length);
            framed.writeUInt16BE(q.message.length, 0);
            q.message.copy(framed, 2);
            socket.write(framed);
        });
        socket.on('data', (chunk) => {
            pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
            while (pending.length >= 2) {
                const length = pending.readUInt16BE(0);
                if (pending.length < 2 + length)
                    break;
                const message = pending.subarray(2, 2 + length);
                pending = pending.subarray(2 + length);
                const m = match(q, message);
                if (m.kind === 'match')
                    return finish({ reply: m.packet });
                if (m.kind === 'bad')
                    return finish({ error: 'EBADRESP' });
            }
        });
    });
}
/** Converts one answer record's dns-packet data to the shape `systemResolver` returns; null if unusable. */
function recordData(type, data) {
    switch (type) {
        case 'A':
            return typeof data === 'string' && (0,external_node_net_.isIPv4)(data) ? data : null;
        case 'AAAA': {
            const octets = typeof data === 'string' ? ipv6Octets(data) : null;
            return octets ? formatIPv6(octets) : null;
        }
        case 'MX': {
            const mx = data;
            if (typeof mx?.preference !== 'number' || typeof mx.exchange !== 'string')
                return null;
            return { priority: mx.preference, exchange: hostName(mx.exchange) };
        }
        case 'TXT': {
            const parts = Array.isArray(data) ? data : [data];
            const strings = parts.map((p) => (Buffer.isBuffer(p) ? p.toString('latin1') : String(p)));
            return (0,txt_octets/* decodeTxtRecord */.m)(strings);
        }
        case 'SOA': {
            const soa = data;
            if (typeof soa?.mname !== 'string' || typeof soa.rname !== 'string')
                return null;
            return {
                mname: hostName(soa.mname),
                rname: hostName(soa.rname),
                serial: Number(soa.serial),
                refresh: Number(soa.refresh),
                retry: Number(soa.retry),
                expire: Number(soa.expire),
                minimum: Number(soa.minimum),
            };
        }
        default:
            return typeof data === 'string' ? hostName(data) : null;
    }
}
/**
 * Reads the answer to `name`/`type` from a NOERROR or NXDOMAIN reply: follows the CNAME chain in the answer
 * section (RFC 1034 §3.6.2) and takes the records of the type owned by its last name.
 */
function interpret(name, type, reply) {
    if (((reply.flags ?? 0) & 0xf) === 3)
        return failure(name, type, 'ENOTFOUND');
    const answers = (reply.answers ?? []).filter((a) => (a.class ?? 'IN') === 'IN');
    const cnames = [];
    let owner = name;
    for (;;) {
        const here = answers.filter((a) => a.type === type && sameName(a.name, owner));
        if (here.length > 0) {
            const records = [];
            for (const a of here) {
                const data = recordData(type, a.data);
                if (data !== null)
                    records.push(data);
            }
            if (records.length === 0)
                return failure(name, type, 'EBADRESP');
            const result = { ok: true, name, type, records };
            if (cnames.length > 0)
                result.cnames = cnames;
            return result;
        }
        if (type === 'CNAME')
            break;
        const cname = answers.find((a) => a.type === 'CNAME' && sameName(a.name, owner));
        const target = cname && typeof cname.data === 'string' ? hostName(cname.data) : undefined;
        if (target === undefined)
            break;
        if (sameName(target, name) || cnames.some((c) => sameName(c, target))) {
            return (0,resolver/* dnsFailure */.O$)(name, type, 'SERVFAIL', 'CNAME loop');
        }
        cnames.push(target);
        owner = target;
    }
    return failure(name, type, 'ENODATA');
}
/** Whether `name` can be put in a question: labels of 1..63 octets, at most 255 octets on the wire. */
function encodable(name) {
    const n = name.endsWith('.') ? name.slice(0, -1) : name;
    if (n === '')
        return false;
    const labels = n.split('.');
    return (labels.every((l) => l.length > 0 && Buffer.byteLength(l, 'utf8') <= 63) &&
        labels.reduce((sum, l) => sum + 1 + Buffer.byteLength(l, 'utf8'), 1) <= 255);
}
/**
 * Asks DNS servers one question directly over UDP (then TCP when the reply is truncated), as a stub resolver
 * (RFC 1035 §4.2, RFC 7766); see the module notes for the protocol details and the failure mapping.
 *
 * `name` is sent as given (its octets, UTF-8 for non-ASCII; no escapes: a `\` is a `\`), so pass it normalised
 * (`normalizeName`); the answer's `name` is `name` without a trailing dot. Records come in the shapes
 * `systemResolver` returns: A/AAAA canonical text (AAAA as `inet_ntop` writes it), MX `{priority, exchange}`,
 * TXT the character-strings (UTF-8 when every one is valid UTF-8, else one unit per octet), PTR/CNAME/NS names
 * lower-case without the trailing dot, SOA {@link SoaData}. `cnames` lists the CNAME chain followed, if any; a CNAME
 * query returns the record at `name` itself.
 *
 * Worst case, a query takes about `tries × servers × 2 × timeoutMs` ms (UDP, then TCP after a TC reply).
 *
 * @param name the domain name to ask about (labels 1..63 octets; else a `BADNAME` failure, nothing sent).
 * @param type the record type (class IN).
 * @param options servers (`host`, `host:port`, `[v6]`, `[v6]:port`), `timeoutMs` (ms per try), `tries` (rounds).
 * @returns the records or a {@link DnsResult} failure; never throws or rejects.
 */
async function queryWire(name, type, options) {
    const qname = name.endsWith('.') ? name.slice(0, -1) : name;
    try {
        if (!encodable(qname))
            return (0,resolver/* dnsFailure */.O$)(qname, type, 'BADNAME', 'not encodable in a DNS question');
        const servers = (options.servers ?? [])
            .map(parseServerAddress)
            .filter((s) => s !== null);
        if (servers.length === 0)
            return (0,resolver/* dnsFailure */.O$)(qname, type, 'TIMEOUT', 'no usable DNS server');
        const timeoutMs = Number.isFinite(options.timeoutMs) && options.timeoutMs > 0 ? options.timeoutMs : defaults/* DEFAULT_TIMEOUT_MS */.t;
        const tries = Number.isInteger(options.tries) && options.tries > 0 ? options.tries : 1;
        const skipped = new Set();
        let last = (0,resolver/* dnsFailure */.O$)(qname, type, 'TIMEOUT', 'ETIMEOUT');
        for (let round = 0; round < tries; round++) {
            for (const [index, server] of servers.entries()) {
                if (skipped.has(index))
                    continue;
                let exchange = await udpExchange(server, buildQuestion(qname, type), timeoutMs);
                if ('reply' in exchange && exchange.reply.flag_tc) {
                    exchange = await tcpExchange(server, buildQuestion(qname, type), timeoutMs);
                }
                if ('error' in exchange) {
                    last = failure(qname, type, exchange.error);
                    continue;
                }
                const rcode = (exchange.reply.flags ?? 0) & 0xf;
                if (rcode === 0 || rcode === 3)
                    return interpret(qname, type, exchange.reply);
                last = failure(qname, type, rcodeCode(rcode));
                skipped.add(index);
            }
        }
        return last;
    }
    catch (err) {
        return (0,resolver/* dnsFailure */.O$)(qname, type, 'SERVFAIL', `wire query failed: ${String(err)}`);
    }
}

;// CONCATENATED MODULE: ./lib/dns/system.js
/**
 * Live DNS: a {@link Resolver} over `node:dns/promises` (c-ares), with configurable servers, timeout and tries.
 *
 * Node's API hides a few things, which this module documents and smooths over:
 *
 * - **Errors**: c-ares reports failures as error codes; {@link CARES_ERROR_KINDS} maps each to a
 *   {@link DnsFailureKind} (see the table there). Nothing is thrown for DNS reasons.
 * - **Empty answers**: when a name is a CNAME to a name that has no record of the asked type, the server answers
 *   NOERROR with only the CNAME; `resolveTxt`/`resolveMx` then resolve to `[]` instead of failing with `ENODATA`.
 *   An empty array is therefore mapped to `NODATA` (RFC 2308 §2.2).
 * - **CNAME to a non-existent name**: a recursive server answers RCODE 3 (NXDOMAIN) with the CNAME in the answer
 *   section; c-ares discards the answer and `resolveTxt` rejects with `ENOTFOUND`, so the result is `NXDOMAIN` for
 *   the name asked (RFC 6604 §2: the RCODE describes the last name in the chain). The chain itself is not visible.
 * - **CNAME chains**: node does not expose the CNAMEs it followed, so {@link DnsAnswer.cnames} is never set by this
 *   resolver. A `CNAME` query returns the first hop only (the record at the name asked).
 * - **TXT octets**: node decodes each character-string as Latin-1 (one UTF-16 code unit per octet). This resolver
 *   re-decodes a record as UTF-8 when all of its character-strings are valid UTF-8 (so `é` published as the UTF-8
 *   octets `c3 a9` comes back as `é`), and otherwise keeps the one-unit-per-octet form (so a raw `\x80` octet comes
 *   back as `'\x80'`). The loopback test server (`test/support/dns-server.ts`) sends strings as UTF-8, so any string
 *   served through it round-trips unchanged. The decision is per record, so a UTF-8 sequence split across two
 *   character-strings keeps the whole record in its octet form (joining it still gives the right octets). The rule
 *   is {@link decodeTxtRecord} (`txt-octets.ts`), which the zone-file parser applies too, so a zone file and a
 *   server publishing the same octets give the same strings.
 * - **Names c-ares will not query**: c-ares rejects with `EBADNAME` names that DNS allows (RFC 2181 §11: any octet
 *   may appear in a label) but host names do not, e.g. `foo:bar/baz.example.com`, which SPF macros produce
 *   (RFC 7208 §7.3); and it reads `\` as an escape (`a\b.test` would be asked as `ab.test`). Such a name — one
 *   {@link normalizeName} accepts but c-ares answers `EBADNAME` for, or one containing `\` — is asked by our own
 *   stub resolver ({@link queryWire}, `wire.ts`) instead, with the same servers (those given, else the system's),
 *   timeout and tries, and the records come back in the same shapes; such answers also carry `cnames`.
 *
 * @module
 */







/** Re-decodes a TXT record's Latin-1 character-strings as UTF-8 when every one of them is valid UTF-8. */
/** The one c-ares error-code table (defined in `error-codes.ts`, shared with `wire.ts`). */

/** The defaults (5000 ms per try, 2 tries), shared with the CLI, the Action and `wire.ts`. */

const SERVER_HELP = 'expected an IP address with an optional port, e.g. "192.0.2.53", "192.0.2.53:5353", "2001:db8::53" or "[2001:db8::53]:5353"';
function parsePort(text, server) {
    const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) {
        throw new TypeError(`Invalid DNS server "${server}": port must be 1..65535`);
    }
    return port;
}
/**
 * Validates one server string and returns it in the form `Resolver#setServers` accepts.
 *
 * @throws TypeError when the string is not `ipv4`, `ipv4:port`, `ipv6`, `[ipv6]` or `[ipv6]:port`.
 */
function parseServer(server) {
    if (typeof server !== 'string')
        throw new TypeError(`Invalid DNS server ${String(server)}: ${SERVER_HELP}`);
    const bracketed = /^\[([^\]]*)\](?::([^:]*))?$/.exec(server);
    if (bracketed) {
        const host = bracketed[1] ?? '';
        if (!(0,external_node_net_.isIPv6)(host))
            throw new TypeError(`Invalid DNS server "${server}": "${host}" is not an IPv6 address`);
        return bracketed[2] === undefined ? host : `[${host}]:${parsePort(bracketed[2], server)}`;
    }
    if ((0,external_node_net_.isIPv4)(server) || (0,external_node_net_.isIPv6)(server))
        return server;
    const hostPort = /^([^:]+):([^:]*)$/.exec(server);
    if (hostPort && (0,external_node_net_.isIPv4)(hostPort[1] ?? ''))
        return `${hostPort[1]}:${parsePort(hostPort[2] ?? '', server)}`;
    throw new TypeError(`Invalid DNS server "${server}": ${SERVER_HELP}`);
}
function checkInteger(value, what, max) {
    if (!Number.isInteger(value) || value < 1 || value > max) {
        throw new RangeError(`systemResolver: ${what} must be an integer from 1 to ${max}, got ${String(value)}`);
    }
    return value;
}
/** A domain name from node: lower-case, no trailing dot. */
function system_hostName(name) {
    return name.endsWith('.') ? name.slice(0, -1).toLowerCase() : name.toLowerCase();
}
async function fetchRecords(dns, name, type) {
    switch (type) {
        case 'A':
            return dns.resolve4(name);
        case 'AAAA':
            return dns.resolve6(name);
        case 'MX':
            return (await dns.resolveMx(name)).map((mx) => ({
                priority: mx.priority,
                exchange: system_hostName(mx.exchange),
            }));
        case 'TXT':
            return (await dns.resolveTxt(name)).map(txt_octets/* decodeTxtRecord */.m);
        case 'PTR':
            return (await dns.resolvePtr(name)).map(system_hostName);
        case 'CNAME':
            return (await dns.resolveCname(name)).map(system_hostName);
        case 'NS':
            return (await dns.resolveNs(name)).map(system_hostName);
        case 'SOA': {
            const soa = await dns.resolveSoa(name);
            const data = {
                mname: system_hostName(soa.nsname),
                rname: system_hostName(soa.hostmaster),
                serial: soa.serial,
                refresh: soa.refresh,
                retry: soa.retry,
                expire: soa.expire,
                minimum: soa.minttl,
            };
            return [data];
        }
    }
}
/**
 * Creates a {@link Resolver} that asks live DNS through a new `node:dns/promises` `Resolver` (c-ares).
 *
 * Each query tries each server up to `tries` times, waiting at most `timeoutMs` per try (c-ares' exponential
 * back-off is capped at `timeoutMs` through `maxTimeout`), so a query against an unresponsive single server fails
 * with `TIMEOUT` after about `tries × timeoutMs` ms. Names are normalised with {@link normalizeName} (U-labels to
 * A-labels, lower-case); an unqueryable name gives a `BADNAME` failure without any query. Failures follow
 * {@link CARES_ERROR_KINDS}; see the module notes for empty answers, CNAMEs and TXT octets.
 *
 * c-ares (as shipped with Node 24) sends no EDNS0 OPT record, so UDP answers are limited to 512 octets
 * (RFC 1035 §4.2.1); larger answers come back truncated (TC) and c-ares retries over TCP by itself.
 *
 * A name that c-ares refuses (`EBADNAME`) although {@link normalizeName} accepts it, or that contains a `\`, is asked
 * through {@link queryWire} (UDP, TCP after TC) with the same servers, `timeoutMs` and `tries`; see the module notes.
 *
 * @param options servers (`host`, `host:port`, `[v6]`, `[v6]:port`), `timeoutMs` (ms per try), `tries` (per server).
 * @throws TypeError when a server string is malformed (a usage error, not a DNS failure).
 * @throws RangeError when `timeoutMs` or `tries` is not a positive integer.
 */
function systemResolver(options = {}) {
    const timeoutMs = checkInteger(options.timeoutMs ?? defaults/* DEFAULT_TIMEOUT_MS */.t, 'timeoutMs', 2 ** 31 - 1);
    const tries = checkInteger(options.tries ?? defaults/* DEFAULT_TRIES */.g, 'tries', 100);
    const servers = (options.servers ?? []).map(parseServer);
    const dns = new promises_.Resolver({ timeout: timeoutMs, tries, maxTimeout: timeoutMs });
    if (servers.length > 0) {
        try {
            dns.setServers(servers);
        }
        catch (err) {
            throw new TypeError(`Invalid DNS servers ${JSON.stringify(servers)}: ${err.message}`);
        }
    }
    return {
        async query(name, type) {
            const normalized = (0,resolver/* normalizeName */.Pc)(name);
            if (normalized === null)
                return (0,resolver/* dnsFailure */.O$)(name, type, 'BADNAME', 'not a valid domain name');
            // c-ares refuses some legal names and reads `\` as an escape: ask those ourselves.
            const viaWire = () => queryWire(normalized, type, { servers: dns.getServers(), timeoutMs, tries });
            if (normalized.includes('\\'))
                return viaWire();
            try {
                const records = (await fetchRecords(dns, normalized, type));
                if (records.length === 0)
                    return (0,resolver/* dnsFailure */.O$)(normalized, type, 'NODATA', 'empty answer');
                return { ok: true, name: normalized, type, records };
            }
            catch (err) {
                const code = err.code;
                const codeText = typeof code === 'string' ? code : undefined;
                if (codeText === 'EBADNAME')
                    return viaWire();
                return (0,resolver/* dnsFailure */.O$)(normalized, type, caresErrorKind(codeText), codeText ?? String(err));
            }
        },
    };
}


/***/ })

};
