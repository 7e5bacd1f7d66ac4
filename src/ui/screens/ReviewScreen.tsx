// Review: findings, capacity, the files the deploy writes (with their diff) and the phases, one
// section at a time; the confirmation before anything is touched.
import { TextCursor } from '../components/TextCursor.js';
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { RELEASE_INFO } from '../../catalog/index.js';
import { severityMark } from '../components/FindingLines.js';
import { Row } from '../components/Row.js';
import { Spinner } from '../components/Spinner.js';
import { fit, wrapText } from '../components/wrap.js';
import { windowStart } from '../state/list.js';
import { orderedFindings, REVIEW_SECTIONS } from '../state/screens/review.js';
import type { ReviewState } from '../state/types.js';
import type { ScreenProps } from './types.js';

/** A row of the focused section and the detail shown when it is selected. */
interface Item {
  text: string;
  color?: string;
  detail: string;
}

/** The open diff, scrolled. */
function Diff({ state, width, height }: ScreenProps) {
  const r = state.review;
  const file = r.preview?.files.find((f) => f.path === r.openFile);
  const lines = (file?.diff ?? '').split('\n');
  const shown = lines.slice(r.diffScroll, r.diffScroll + Math.max(height - 1, 1));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {' '}
        {file?.path} · {file?.summary} · lines {r.diffScroll + 1}-{Math.min(r.diffScroll + shown.length, lines.length)} of {lines.length}
      </Text>
      {shown.map((l, i) => (
        <Text
          key={i}
          wrap="truncate-end"
          color={l.startsWith('+') ? 'green' : l.startsWith('-') ? 'red' : l.startsWith('@@') ? 'cyan' : undefined}
        >
          {' '}
          {fit(l, width - 2)}
        </Text>
      ))}
    </Box>
  );
}

/** The Review body. */
export function ReviewScreen(props: ScreenProps) {
  const { state, rules, width, height } = props;
  const r = state.review;
  const { spec } = state;
  const findings = useMemo(() => orderedFindings(rules.checkSpec(spec, state.facts)), [rules, spec, state.facts]);
  const capacity = useMemo(() => rules.capacity(spec, state.facts), [rules, spec, state.facts]);
  const services = useMemo(() => rules.resolveServices(spec).services.length, [rules, spec]);
  if (r.openFile) return <Diff {...props} />;
  const count = (s: 'fail' | 'warn' | 'pass'): number => findings.filter((f) => f.severity === s).length;
  const preview = r.preview;
  // paths as wide as the longest (at most 44), so the summary still fits at 80 columns
  const pathW = Math.min(Math.max(...(preview?.files ?? []).map((f) => f.path.length), 8), 44);
  const items: Item[] = (() => {
    switch (r.section) {
      case 'findings':
        return findings.map((f) => {
          const m = severityMark(f.severity);
          return {
            text: `${m.mark} ${f.subject ? `${f.subject}: ` : ''}${f.message}`,
            color: m.color,
            detail: `${f.message}${f.fix ? ` Fix: ${f.fix}` : ''}${f.location ? ` (${f.location.file}:${f.location.line})` : ''}`,
          };
        });
      case 'capacity':
        return capacity.lines.map((l) => ({ text: l, detail: l }));
      case 'files':
        return (preview?.files ?? []).map((f) => ({
          text: `${fit(f.status, 8)} ${fit(f.path, pathW)} ${f.mode === 0o600 ? '(0600, secrets hidden) ' : ''}${f.summary}`,
          color: f.status === 'added' ? 'green' : f.status === 'removed' ? 'red' : f.status === 'changed' ? 'yellow' : undefined,
          detail: `${f.path} (mode ${f.mode.toString(8)}): ${f.summary}.${f.diff ? ' space shows the diff.' : f.mode === 0o600 ? ' Its values are never shown.' : ''}`,
        }));
      case 'phases':
        return (preview?.phases ?? []).map((p, i) => ({
          text: `${String(i + 1).padStart(2)}. ${p.skip ? '(skip) ' : ''}${p.title}${p.hosts.length > 0 ? ` · ${p.hosts.length <= 3 ? p.hosts.join(', ') : `${p.hosts.length} hosts`}` : ''}`,
          ...(p.skip ? { color: 'gray' } : {}),
          detail: `${p.title} (${p.id}) on ${p.hosts.join(', ') || 'no host'}${p.skip ? `: skipped, ${p.skip}` : ''}.`,
        }));
    }
  })();
  const bottom = r.confirm || r.name ? 2 : 0;
  const detail = items[r.cursor] ? wrapText(items[r.cursor]!.detail, width - 2, 3) : [];
  const listHeight = Math.max(height - 3 - detail.length - bottom, 2);
  const cursor = Math.min(r.cursor, Math.max(items.length - 1, 0));
  const start = windowStart(cursor, items.length, listHeight);
  const tab = (s: ReviewState['section'], label: string) => (
    <Text key={s} bold={r.section === s} inverse={r.section === s}>
      {r.section === s ? `[${label}]` : ` ${label} `}
    </Text>
  );
  const labels: Record<ReviewState['section'], string> = {
    findings: `Findings ✗${count('fail')} !${count('warn')} ✓${count('pass')}`,
    capacity: 'Capacity',
    files: `Files ${preview ? preview.files.filter((f) => f.status !== 'same').length : '…'}`,
    phases: `Phases ${preview ? preview.phases.filter((p) => !p.skip).length : '…'}`,
  };
  const newHosts = state.flow === 'add-node' ? spec.hosts.filter((h) => !state.existingHosts.includes(h.name)).map((h) => h.name) : null;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {' '}
        <Text bold>{spec.name}</Text> · {spec.release}
        {RELEASE_INFO[spec.release].status === 'end-of-life' ? ' (END OF LIFE)' : ''} · {spec.hosts.length} host(s)
        {newHosts ? ` (adding ${newHosts.join(', ')})` : ''} · {services} services · deploy host {spec.deploy.host}
        {preview?.target ? ` · files to ${preview.target}` : ''}
      </Text>
      <Text wrap="truncate-end"> {REVIEW_SECTIONS.map((s) => tab(s, labels[s]))}</Text>
      {r.loading && (r.section === 'files' || r.section === 'phases') ? (
        <Text>
          {'  '}
          <Spinner /> rendering the files and the plan…
        </Text>
      ) : null}
      {(preview?.problems ?? []).slice(0, 2).map((p, i) => (
        <Text key={`p${i}`} color="yellow" wrap="truncate-end">
          {'  '}! {p}
        </Text>
      ))}
      {items.slice(start, start + listHeight).map((it, i) => (
        <Row key={`${r.section}${start + i}`} selected={start + i === cursor}>
          <Text color={it.color}>{it.text}</Text>
        </Row>
      ))}
      {items.length === 0 && !r.loading ? <Text dimColor>{'  '}nothing to show</Text> : null}
      {detail.map((l, i) => (
        <Text key={`d${i}`} wrap="truncate-end">
          {' '}
          {l}
        </Text>
      ))}
      {r.confirm ? (
        <Text bold color={r.confirm === 'deploy' ? 'yellow' : 'cyan'} wrap="truncate-end">
          {' '}
          {r.confirm === 'deploy'
            ? `Deploy ${spec.name} to ${newHosts ? `${newHosts.length} new host(s)` : `${spec.hosts.length} host(s)`} now? This changes the hosts. [y/N]`
            : `Dry run of ${spec.name}? Nothing is changed; every command is shown. [y/N]`}
        </Text>
      ) : null}
      {r.name ? (
        <Text wrap="truncate-start">
          {' '}
          Deployment name: <Text bold>{r.name.value}</Text>
          <TextCursor />
        </Text>
      ) : null}
    </Box>
  );
}
