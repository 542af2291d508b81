// Differential tests skip, naming the Debian package, when a peer (pyspf, Mail::SPF, dkimpy, openssl) is
// missing on a developer's machine. CI installs the peers and sets MAILGATE_REQUIRE_PEERS=1 (.ci/run), so
// there a missing peer fails the run instead of silently dropping the strongest checks.

/** True when missing peers must fail the run (CI). */
export function peersRequired(): boolean {
  return process.env.MAILGATE_REQUIRE_PEERS === '1';
}
