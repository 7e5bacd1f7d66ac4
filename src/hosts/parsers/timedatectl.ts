// `timedatectl status`: the old layout (systemd < 239: `NTP enabled`, `NTP synchronized`, older
// still `Network time on`) and the new one (`System clock synchronized`, `NTP service`); also the
// machine-readable `timedatectl show` (`NTPSynchronized=yes`, `NTP=yes`, `Timezone=...`).
import { fail, ok, type Parsed } from './result.js';
import { lines } from './text.js';

/** Whether the clock is synchronised and whether an NTP service is enabled. */
export interface TimedatectlState {
  synchronized: boolean;
  ntpService: boolean | null;
  timezone: string | null;
  /** The daemon when timedatectl names it (systemd 236..238: `systemd-timesyncd.service active`). */
  daemon: string | null;
}

const yes = (v: string): boolean => /^(yes|active|true|1)$/i.test(v.trim());

/** Reads timedatectl output; fails without a `... synchronized:` line. */
export function parseTimedatectl(text: string): Parsed<TimedatectlState> {
  let synchronized: boolean | null = null;
  let ntpService: boolean | null = null;
  let timezone: string | null = null;
  let daemon: string | null = null;
  for (const line of lines(text)) {
    const show = /^(NTPSynchronized|NTP|Timezone)=(.*)$/.exec(line.trim());
    if (show) {
      if (show[1] === 'NTPSynchronized') synchronized = yes(show[2]!);
      else if (show[1] === 'NTP') ntpService = yes(show[2]!);
      else timezone = show[2]!.trim() || null;
      continue;
    }
    const timesyncd = /^\s*systemd-timesyncd\.service active:\s*(\S+)/.exec(line);
    if (timesyncd) {
      ntpService = yes(timesyncd[1]!);
      daemon = 'timesyncd';
      continue;
    }
    const m = /^\s*([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    if (key === 'system clock synchronized' || key === 'ntp synchronized') synchronized = yes(m[2]!);
    else if (key === 'ntp service' || key === 'ntp enabled' || key === 'network time on') ntpService = yes(m[2]!);
    else if (key === 'time zone') timezone = m[2]!.split(/\s+/)[0] || null;
  }
  if (synchronized === null) return fail('no "System clock synchronized", "NTP synchronized" or "NTPSynchronized=" line');
  return ok({ synchronized, ntpService, timezone, daemon });
}
