// timedatectl (old and new layouts) and chronyc tracking, alone and through the format detection.
import { describe, expect, it } from 'vitest';
import { parseChronycTracking } from '../../../../src/hosts/parsers/chronyc.js';
import { parseTimedatectl } from '../../../../src/hosts/parsers/timedatectl.js';
import { parseTimesync } from '../../../../src/hosts/parsers/timesync.js';
import { hw, value } from './fixture.js';

describe('timedatectl', () => {
  it('old layout (CentOS 7): NTP enabled / NTP synchronized', () => {
    // "NTP enabled: yes", "NTP synchronized: yes", "Time zone: America/Los_Angeles (PDT, -0700)"
    const text = hw('timedatectl--centos7-ntp-synchronized-dst.txt');
    expect(value(parseTimedatectl(text))).toEqual({ synchronized: true, ntpService: true, timezone: 'America/Los_Angeles', daemon: null });
    expect(value(parseTimesync(text))).toEqual({ synchronized: true, source: 'timedatectl' });
  });

  it('new layout with the RTC warning paragraph', () => {
    // "System clock synchronized: yes", "NTP service: active", "Time zone: Europe/Athens (EET, +0200)"
    const text = hw('timedatectl--rtc-in-local-tz-warning.txt');
    expect(value(parseTimedatectl(text))).toEqual({ synchronized: true, ntpService: true, timezone: 'Europe/Athens', daemon: null });
    expect(value(parseTimesync(text))).toEqual({ synchronized: true, source: 'timedatectl' });
  });

  it('timedatectl show (key=value)', () => {
    const text = 'Timezone=Europe/Berlin\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized=no\nTimeUSec=Tue 2024-01-02 10:00:00 CET\n';
    expect(value(parseTimedatectl(text))).toEqual({ synchronized: false, ntpService: true, timezone: 'Europe/Berlin', daemon: null });
    expect(value(parseTimesync(text))).toEqual({ synchronized: false, source: 'timedatectl' });
  });

  it('systemd 236..238 names timesyncd', () => {
    const text =
      '                      Local time: Mon 2018-06-04 10:00:00 UTC\n  System clock synchronized: yes\nsystemd-timesyncd.service active: yes\n                 RTC in local TZ: no\n';
    expect(value(parseTimesync(text))).toEqual({ synchronized: true, source: 'timesyncd' });
  });

  it('not synchronised, no NTP service', () => {
    const text = 'System clock synchronized: no\n              NTP service: inactive\n';
    expect(value(parseTimesync(text))).toEqual({ synchronized: false, source: null });
  });
});

describe('chronyc tracking', () => {
  it('Amazon Time Sync, Leap status Normal', () => {
    // "Reference ID    : A9FEA97B (169.254.169.123)", "Stratum         : 4", "Leap status     : Normal"
    const text = hw('chronyc-tracking--aws-ec2-amazon-linux-timesync.txt');
    expect(value(parseChronycTracking(text))).toEqual({ synchronized: true, reference: 'A9FEA97B (169.254.169.123)', stratum: 4 });
    expect(value(parseTimesync(text))).toEqual({ synchronized: true, source: 'chrony' });
  });

  it('not synchronised; chrony wins when both tools reported', () => {
    const chrony = 'Reference ID    : 00000000 ()\nStratum         : 0\nLeap status     : Not synchronised\n';
    expect(value(parseChronycTracking(chrony)).synchronized).toBe(false);
    const both = `${hw('timedatectl--rtc-in-local-tz-warning.txt')}\n${chrony}`;
    expect(value(parseTimesync(both))).toEqual({ synchronized: false, source: 'chrony' });
  });

  it('neither format is a reason', () => {
    expect(parseTimesync('ntpd: command not found').ok).toBe(false);
    expect(parseTimesync('   ')).toEqual({ ok: false, reason: 'empty' });
  });
});
