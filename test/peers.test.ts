// CI installs the differential-test peers (.ci/run) and sets MAILGATE_REQUIRE_PEERS=1: there, each peer must
// be found exactly as the differential tests look for it, or the run fails instead of silently skipping them.
// On a developer machine without them, this file skips, naming the Debian packages.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { have } from './dns/zone-differential.js';
import { peerMissing } from './spf/differential.js';
import { chromiumAvailable } from './support/browser.js';
import { opensslAvailable } from './support/https-server.js';
import { peersRequired } from './support/peers.js';

const dkimpy = ['python3', '/usr/bin/python3'].some(
  (p) => spawnSync(p, ['-c', 'import dkim'], { stdio: 'ignore' }).status === 0,
);

describe.runIf(peersRequired())('differential-test peers are installed (MAILGATE_REQUIRE_PEERS=1)', () => {
  it('pyspf (python3-spf)', () => expect(peerMissing('pyspf')).toBeNull());
  it('Mail::SPF (libmail-spf-perl)', () => expect(peerMissing('mail-spf')).toBeNull());
  it('dkimpy (python3-dkim)', () => expect(dkimpy).toBe(true));
  it('openssl (openssl), for the MTA-STS and BIMI HTTPS tests', () => expect(opensslAvailable()).toBe(true));
  it('kzonecheck (knot-dnssecutils), for the zone-file differential', () =>
    expect(have('kzonecheck')).toBe(true));
  it('named-checkzone (bind9-utils), for the zone-file differential', () =>
    expect(have('named-checkzone')).toBe(true));
  it('chromium (chromium), for the HTML report tests', () => expect(chromiumAvailable()).toBe(true));
});

describe.skipIf(peersRequired())('differential-test peers (not required here)', () => {
  it.skip('set MAILGATE_REQUIRE_PEERS=1 to require python3-spf, libmail-spf-perl, python3-dkim, openssl, knot-dnssecutils, bind9-utils and chromium', () => {});
});
