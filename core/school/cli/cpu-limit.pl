#!/usr/bin/perl
# Runs a command and stops it once it has used a given amount of CPU time (its own, all threads,
# read from /proc/<pid>/stat), or after a wall-clock limit, whichever comes first. A CPU budget
# means the same on a quiet and on a loaded machine, where a wall-clock limit does not.
#
#   perl cpu-limit.pl <cpuSeconds> <wallSeconds> <command> [args...]
#
# Used by runFetCl (fetcl.ts) for locked timetables: fet-cl generates an acceptable one at once
# (a few hundredths of a CPU-second) and searches a refused one until it is stopped, ignoring its
# own --timelimitseconds. The command gets SIGTERM (fet-cl then writes its logs and exits), and
# SIGKILL 2 s later if it is still there. Its stdout and stderr pass through. Exit status: the
# command's own, or 124 when it was stopped (as `timeout` does), with one line on stderr saying why.
# Without /proc (not Linux) only the wall-clock limit applies.
#
# Perl, not Node: core/school's tests start it for every fet-cl check (over 300 in one run), and
# Perl starts in about 5 ms of CPU where Node takes about 150 ms (bench/results/test-suite.md).
# Only perl-base is needed (Debian's essential Perl): POSIX, no other module.
use strict;
use warnings;
use POSIX ();

my ($cpu_limit, $wall_limit, $command, @args) = @ARGV;
my $number = qr/^(?:\d+(?:\.\d*)?|\.\d+)$/;
unless (defined $command && $cpu_limit =~ $number && $cpu_limit > 0 && $wall_limit =~ $number && $wall_limit > 0) {
  print STDERR "usage: perl cpu-limit.pl <cpuSeconds> <wallSeconds> <command> [args...]\n";
  exit 2;
}

# Linux reports utime and stime in USER_HZ ticks, 100 per second on every architecture it runs on.
my $TICKS_PER_SECOND = 100;
my $POLL_SECONDS = 0.02;

# Seconds since boot with hundredths (Linux), else whole seconds since the epoch.
sub now {
  if (open my $fh, '<', '/proc/uptime') {
    my $line = <$fh>;
    close $fh;
    return (split ' ', $line)[0] if defined $line;
  }
  return time;
}

# CPU seconds (user + system, all threads) the process has used so far, or undef without /proc.
sub cpu_seconds {
  my ($pid) = @_;
  open my $fh, '<', "/proc/$pid/stat" or return undef;
  my $stat = <$fh>;
  close $fh;
  return undef unless defined $stat;
  # Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
  my @fields = split / /, substr($stat, rindex($stat, ')') + 2);
  return ($fields[11] + $fields[12]) / $TICKS_PER_SECOND;
}

my $started = now();
# A finished child interrupts the poll's sleep, so a quick command is not held up for a whole poll.
$SIG{CHLD} = sub { };
my $pid = fork();
die "cpu-limit: cannot fork: $!\n" unless defined $pid;
if ($pid == 0) {
  open STDIN, '<', '/dev/null';
  { exec { $command } $command, @args; }
  print STDERR "cpu-limit: cannot run $command: $!\n";
  POSIX::_exit(127);
}

# If this supervisor is told to stop, the command stops with it.
for my $sig (qw(TERM INT HUP)) {
  $SIG{$sig} = sub { kill 'KILL', $pid; exit 128 + 15 };
}

my ($stopped, $used, $kill_at) = ('', 0, undef);
while (1) {
  if (waitpid($pid, POSIX::WNOHANG()) == $pid) {
    my $status = $?;
    if ($stopped) {
      print STDERR "cpu-limit: stopped $command after $stopped\n";
      exit 124;
    }
    exit(($status & 127) ? 128 + ($status & 127) : $status >> 8);
  }
  if (!$stopped) {
    my $cpu = cpu_seconds($pid);
    $used = $cpu if defined $cpu;
    if ($used >= $cpu_limit) {
      $stopped = sprintf('%.2f CPU-s (limit %s)', $used, $cpu_limit);
    } elsif (now() - $started >= $wall_limit) {
      $stopped = sprintf('%s s of wall-clock time (%.2f CPU-s used)', $wall_limit, $used);
    }
    if ($stopped) {
      kill 'TERM', $pid;
      $kill_at = now() + 2;
    }
  } elsif (defined $kill_at && now() >= $kill_at) {
    kill 'KILL', $pid;
    $kill_at = undef;
  }
  select(undef, undef, undef, $POLL_SECONDS);
}
