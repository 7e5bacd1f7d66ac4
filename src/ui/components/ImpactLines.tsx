// A day-2 screen's impact below its picker: as many of the preview lines (what the verb prints) as fit
// in the room the findings leave (they get up to half of it, two lines each), then the findings (a day-2
// flow has no Review screen: the ones left out are counted, not sent there).
import { Text } from 'ink';
import type { Finding } from '../../types/findings.js';
import { FindingLines } from './FindingLines.js';

/** The preview lines that fit in `room` rows, then the findings in the rest (at least one row each). */
export function ImpactLines({ lines, findings, width, room }: { lines: string[]; findings: Finding[]; width: number; room: number }) {
  const linesRoom = Math.max(Math.min(lines.length, room - Math.min(findings.length * 2, Math.floor(room / 2))), 1);
  return (
    <>
      {lines.slice(0, linesRoom).map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {' '}
          {l}
        </Text>
      ))}
      <FindingLines findings={findings} width={width} max={Math.max(room - linesRoom, 1)} elsewhere={null} />
    </>
  );
}
