// Services: the catalog grouped by the seed's categories with a mark per service (chosen, added as a
// dependency, core, refused), and the selected service explained: what it is, what it needs, why it
// was added or why it cannot be chosen.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { RELEASE_INFO } from '../../catalog/index.js';
import type { ServiceEntry } from '../../catalog/types.js';
import { Row } from '../components/Row.js';
import { fit, wrapText } from '../components/wrap.js';
import { CATEGORY_LABELS, entryOf, isSelected, refusalOf, SERVICE_ROWS } from '../state/catalog-view.js';
import { windowStart } from '../state/list.js';
import type { ScreenProps } from './types.js';

/** A display row: a category heading or a service (with its index among the services). */
type Line = { kind: 'heading'; text: string } | { kind: 'service'; entry: ServiceEntry; index: number };

/** Headings interleaved with the services, in catalog order. */
function lines(): Line[] {
  const out: Line[] = [];
  let category: string | null = null;
  SERVICE_ROWS.forEach((entry, index) => {
    if (entry.category !== category) {
      category = entry.category;
      out.push({ kind: 'heading', text: CATEGORY_LABELS[entry.category] });
    }
    out.push({ kind: 'service', entry, index });
  });
  return out;
}

const LINES = lines();

/** The Services body. */
export function ServicesScreen({ state, rules, width, height }: ScreenProps) {
  const { spec } = state;
  const closure = useMemo(() => rules.resolveServices(spec), [rules, spec]);
  const deployed = useMemo(() => new Set(closure.services), [closure]);
  const cursorLine = LINES.findIndex((l) => l.kind === 'service' && l.index === state.services.cursor);
  const detailRows = 3;
  const listHeight = Math.max(height - 2 - detailRows, 3);
  const start = windowStart(cursorLine, LINES.length, listHeight);
  const entry = SERVICE_ROWS[state.services.cursor]!;
  const mark = (e: ServiceEntry): { text: string; color?: string } => {
    if (e.core) return { text: '[*]', color: 'green' };
    if (isSelected(spec, e)) return { text: '[x]', color: 'green' };
    if (deployed.has(e.id)) return { text: '[+]', color: 'cyan' };
    if (refusalOf(spec, e, deployed)) return { text: '[-]', color: 'red' };
    return { text: '[ ]' };
  };
  const explain = (): string => {
    const added = closure.added.find((a) => a.id === entry.id);
    const refused = !deployed.has(entry.id) ? refusalOf(spec, entry, deployed) : null;
    // a refusal first: the explanation has 3 rows and the reason matters more than the needs
    const parts = refused ? [`${entry.seedName} is refused: ${refused}`, entry.description] : [`${entry.seedName}: ${entry.description}`];
    if (entry.providedBy)
      parts.push(`Provided by ${entryOf(entry.providedBy.id)?.seedName ?? entry.providedBy.id}: ${entry.providedBy.reason}`);
    if (entry.core) parts.push('Core: always deployed.');
    else if (added && !isSelected(spec, entry)) parts.push(`Added: ${added.because}.`);
    if (entry.requires.length > 0) parts.push(`Needs ${entry.requires.map((r) => entryOf(r)?.seedName ?? r).join(', ')}.`);
    if (!refused && entry.caveat && deployed.has(entry.id)) parts.push(`Note: ${entry.caveat}`);
    return parts.join(' ');
  };
  // core services count as core even when the preset lists them
  const coreCount = closure.services.filter((id) => entryOf(id)?.core).length;
  const chosenCount = SERVICE_ROWS.filter((e) => !e.core && isSelected(spec, e) && deployed.has(e.id)).length;
  const addedCount = closure.services.length - coreCount - chosenCount;
  const nameW = 26;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {' '}
        Release <Text bold>{spec.release}</Text>
        {RELEASE_INFO[spec.release].status === 'end-of-life' ? ' END OF LIFE' : ''} (r: change) · {closure.services.length} deployed:{' '}
        {chosenCount} chosen, {coreCount} core, {addedCount} added
      </Text>
      {LINES.slice(start, start + listHeight).map((l, i) => {
        if (l.kind === 'heading') {
          return (
            <Text key={`h${start + i}`} bold underline wrap="truncate-end">
              {' '}
              {l.text}
            </Text>
          );
        }
        const m = mark(l.entry);
        return (
          <Row key={l.entry.id} selected={l.index === state.services.cursor} dim={m.text === '[-]'}>
            <Text color={m.color}>{m.text}</Text> {fit(l.entry.seedName, nameW)} <Text dimColor>{l.entry.description}</Text>
          </Row>
        );
      })}
      {/* the legend on the spacer row: the header line is too short for it at 80 columns */}
      <Text dimColor wrap="truncate-end">
        {' '}
        [x] chosen [+] added as a dependency [*] core, always deployed [-] refused
      </Text>
      {wrapText(explain(), width - 2, detailRows).map((l, i) => (
        <Text key={`d${i}`} wrap="truncate-end">
          {' '}
          {l}
        </Text>
      ))}
    </Box>
  );
}
