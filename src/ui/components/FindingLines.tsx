// Findings as a few lines: the symbol, the message and the fix, wrapped to the width, capped.
import { Text } from 'ink';
import type { Finding } from '../../types/findings.js';
import { wrapText } from './wrap.js';

/** Symbol and colour of a severity (the symbol carries the meaning when colours are off). */
export function severityMark(severity: Finding['severity']): { mark: string; color: string } {
  return severity === 'fail'
    ? { mark: '✗', color: 'red' }
    : severity === 'warn'
      ? { mark: '!', color: 'yellow' }
      : { mark: '✓', color: 'green' };
}

/** Up to `max` lines of findings (each wrapped), most severe first as given; the last line then says how many were left out and, when `elsewhere` names it, where they are shown whole. */
export function FindingLines({
  findings,
  width,
  max,
  withFix = true,
  elsewhere = 'on the Review screen',
}: {
  findings: Finding[];
  width: number;
  max: number;
  withFix?: boolean;
  /** Where the findings are shown whole ("on the Review screen"); null in a flow without such a screen. */
  elsewhere?: string | null;
}) {
  const lines: { text: string; color: string }[] = [];
  for (const f of findings) {
    const { mark, color } = severityMark(f.severity);
    const text = `${mark} ${f.message}${withFix && f.fix ? ` Fix: ${f.fix}` : ''}`;
    for (const [i, l] of wrapText(text, width - 3).entries()) lines.push({ text: i === 0 ? l : `  ${l}`, color });
  }
  const shown =
    lines.length > max
      ? [
          ...lines.slice(0, Math.max(max - 1, 0)),
          {
            text: `… ${lines.length - max + 1} more line(s)${elsewhere ? ` ${elsewhere}` : ': a taller terminal shows them'}`,
            color: 'gray',
          },
        ]
      : lines;
  return (
    <>
      {shown.slice(0, max).map((l, i) => (
        <Text key={i} color={l.color} wrap="truncate-end">
          {' '}
          {l.text}
        </Text>
      ))}
    </>
  );
}
