#!/usr/bin/perl
# Differential-test driver for Mail::SPF (Debian libmail-spf-perl).
# Reads JSON on stdin: {"cases": [{"answers": {"name|TYPE": {"records": [...]} | {"error": KIND}},
# "ip", "sender", "helo"}, ...]} and writes a JSON list of {"result", "explanation"}. DNS comes only from
# "answers" through a fake Net::DNS resolver: a missing "name|TYPE" is NOERROR/empty when the name has other
# answers and NXDOMAIN otherwise; error NXDOMAIN is
# RCODE 3, NODATA is NOERROR/empty, TIMEOUT is a timed-out query, SERVFAIL is RCODE 2.
use strict;
use warnings;
use JSON::PP;
use Mail::SPF;
use Net::DNS;

package FakeResolver;
sub new { my ($class) = @_; return bless { answers => {}, error => '' }, $class; }
sub answers { my ($self, $a) = @_; $self->{answers} = $a; }
sub errorstring { return $_[0]->{error}; }
sub send {
    my ($self, $name, $type) = @_;
    $self->{error} = '';
    $name = lc $name; $name =~ s/\.$//;
    my $packet = Net::DNS::Packet->new($name, $type, 'IN');
    $packet->header->qr(1);
    my $entry = $self->{answers}{"$name|$type"};
    if (!defined $entry) {
        # A name with answers for other types exists (NODATA); any other name does not (NXDOMAIN).
        my $exists = grep { index($_, "$name|") == 0 } keys %{ $self->{answers} };
        $packet->header->rcode($exists ? 'NOERROR' : 'NXDOMAIN');
        return $packet;
    }
    if (exists $entry->{error}) {
        my $e = $entry->{error};
        if ($e eq 'TIMEOUT') { $self->{error} = 'query timed out'; return undef; }
        $packet->header->rcode($e eq 'NXDOMAIN' ? 'NXDOMAIN' : $e eq 'NODATA' ? 'NOERROR' : 'SERVFAIL');
        return $packet;
    }
    for my $r (@{ $entry->{records} }) {
        my $rr;
        if ($type eq 'TXT') { $rr = Net::DNS::RR->new(owner => $name, type => 'TXT', txtdata => [@$r]); }
        elsif ($type eq 'MX') {
            my $x = $r->{exchange}; $x = '.' if $x eq '';
            $rr = Net::DNS::RR->new(owner => $name, type => 'MX', preference => $r->{priority}, exchange => $x);
        }
        elsif ($type eq 'PTR') { $rr = Net::DNS::RR->new(owner => $name, type => 'PTR', ptrdname => $r); }
        else { $rr = Net::DNS::RR->new(owner => $name, type => $type, address => $r); }
        $packet->push(answer => $rr);
    }
    return $packet;
}

package main;
binmode STDOUT, ':raw';
my $input = do { local $/; <STDIN> };
my $data = JSON::PP->new->utf8->decode($input);
my $resolver = FakeResolver->new;
my $server = Mail::SPF::Server->new(dns_resolver => $resolver, max_void_dns_lookups => 2);
my @out;
for my $case (@{ $data->{cases} }) {
    $resolver->answers($case->{answers});
    my ($code, $exp, $detail) = ('', undef, undef);
    eval {
        # The null reverse-path: the HELO identity is checked (postmaster@helo, RFC 7208 §2.4).
        my $null = $case->{sender} eq '';
        my $request = Mail::SPF::Request->new(
            versions => [1], scope => ($null ? 'helo' : 'mfrom'),
            identity => ($null ? $case->{helo} : $case->{sender}),
            ip_address => $case->{ip}, helo_identity => $case->{helo});
        my $result = $server->process($request);
        $code = $result->code;
        $detail = $result->text if $code eq 'permerror' || $code eq 'temperror';
        if ($code eq 'fail' && $result->can('authority_explanation')) {
            my $e = eval { $result->authority_explanation };
            $exp = defined $e ? "$e" : undef;
        }
        1;
    } or do { $code = "crash: $@"; };
    my %o = (result => $code, explanation => $exp);
    $o{detail} = "$detail" if defined $detail;
    push @out, \%o;
}
print JSON::PP->new->utf8->canonical->encode(\@out);
