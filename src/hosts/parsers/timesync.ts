// The `timesync` section: timedatectl output, chronyc tracking output, or both (the scan script
// prints each tool it finds). The format of each part is detected from its lines.
import type { TimesyncFacts } from '../../types/facts.js';
import { parseChronycTracking } from './chronyc.js';
import { fail, ok, type Parsed } from './result.js';
import { parseTimedatectl } from './timedatectl.js';

/** Synchronisation state; chrony's own view wins over timedatectl's when both are present. */
export function parseTimesync(text: string): Parsed<TimesyncFacts> {
  const chrony = /^\s*Leap status\s*:/m.test(text) ? parseChronycTracking(text) : null;
  const timedatectl = /^\s*(System clock|NTP) synchronized\s*:|^\s*NTPSynchronized=/m.test(text) ? parseTimedatectl(text) : null;
  if (chrony?.ok) return ok({ synchronized: chrony.value.synchronized, source: 'chrony' });
  if (timedatectl?.ok) {
    return ok({
      synchronized: timedatectl.value.synchronized,
      source: timedatectl.value.ntpService === false ? null : (timedatectl.value.daemon ?? 'timedatectl'),
    });
  }
  if (text.trim() === '') return fail('empty');
  return fail('neither timedatectl nor chronyc tracking output');
}
