// One line written above the live area during a deploy (ink <Static>): finished phases, failures
// with host and task, warnings, findings, the log path of a failed phase.
import { Text } from 'ink';
import { duration } from '../../report/format.js';
import type { StaticItem } from '../state/deploy-model.js';

/** Renders one Static item. */
export function StaticLine({ item }: { item: StaticItem }) {
  switch (item.kind) {
    case 'start':
      return <Text bold>{item.text}</Text>;
    case 'phase': {
      const mark = item.status === 'ok' ? '✓' : item.status === 'skipped' ? '-' : item.status === 'cancelled' ? '■' : '✗';
      const color = item.status === 'ok' ? 'green' : item.status === 'skipped' ? 'gray' : item.status === 'cancelled' ? 'yellow' : 'red';
      const what =
        item.status === 'skipped'
          ? `skipped: ${item.reason ?? ''}`
          : item.status === 'ok'
            ? `${duration(item.durationMs)}${item.reason ? ` · ${item.reason}` : ''}`
            : `${item.status.toUpperCase()} after ${duration(item.durationMs)}${item.reason ? `: ${item.reason}` : ''}`;
      return (
        <Text>
          <Text color={color}>{mark}</Text> {item.position} {item.title} <Text dimColor={item.status !== 'failed'}>({what})</Text>
        </Text>
      );
    }
    case 'failure':
      return (
        <Text color="red">
          {'    '}✗ {item.host}
          {item.task ? `, task "${item.task}"` : ''}: {item.message}
        </Text>
      );
    case 'log-path':
      return (
        <Text>
          {'    '}full log: {item.path}
        </Text>
      );
    case 'warning':
      return (
        <Text color={item.level === 'error' ? 'red' : 'yellow'}>
          {'    '}
          {item.level === 'error' ? '✗' : '!'} {item.line}
        </Text>
      );
    case 'finding':
      return (
        <Text color={item.severity === 'fail' ? 'red' : 'yellow'}>
          {'    '}
          {item.severity === 'fail' ? '✗' : '!'} {item.subject ? `${item.subject}: ` : ''}
          {item.message}
          {item.fix ? ` Fix: ${item.fix}` : ''}
        </Text>
      );
    case 'output':
      return (
        <Text dimColor>
          {'    '}
          {item.line}
        </Text>
      );
    case 'omitted':
      return <Text dimColor>{'    '}(further output is only in the phase logs)</Text>;
  }
}
