// Roles: the hosts x roles grid, the recommendation and its reason per host, and the quorum and
// role findings updating as roles are toggled.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { ROLES } from '../../types/spec.js';
import { FindingLines } from '../components/FindingLines.js';
import { Row } from '../components/Row.js';
import { fit, wrapText } from '../components/wrap.js';
import { windowStart } from '../state/list.js';
import { orderedFindings } from '../state/screens/review.js';
import type { ScreenProps } from './types.js';

const SHORT: Record<(typeof ROLES)[number], string> = {
  manager: 'mgr',
  control: 'ctl',
  network: 'net',
  compute: 'cmp',
  storage: 'sto',
  monitoring: 'mon',
};

/** Findings about roles: quorum, required roles, the deploy host, sizing per role. */
export function roleFindingIds(id: string): boolean {
  return id.startsWith('quorum.') || id.startsWith('roles.') || id === 'hosts.roles' || id === 'deploy.host';
}

/** The Roles body. */
export function RolesScreen({ state, rules, width, height }: ScreenProps) {
  const { spec, roles } = state;
  const findings = useMemo(
    () => orderedFindings(rules.checkSpec(spec, state.facts).filter((f) => roleFindingIds(f.id))),
    [rules, spec, state.facts],
  );
  const shownFindings = findings.filter((f) => f.severity !== 'pass' || f.id === 'quorum.control');
  const nameW = Math.min(Math.max(...spec.hosts.map((h) => h.name.length), 4), 16);
  const current = spec.hosts[roles.cursor];
  const advice = current ? state.advice.find((a) => a.host === current.name) : undefined;
  const adviceLines = current
    ? wrapText(
        advice
          ? `Recommended for ${current.name}: ${advice.roles.join(', ') || 'no role'} — ${advice.reason}`
          : `${current.name}: no recommendation (not scanned).`,
        width - 2,
        2,
      )
    : [];
  const findingRows = Math.min(Math.max(height - spec.hosts.length - 5, 3), 6);
  const listHeight = Math.max(height - 4 - findingRows - adviceLines.length + 2, 1);
  const start = windowStart(roles.cursor, spec.hosts.length, listHeight);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {'  '}
        {fit('HOST', nameW)} {ROLES.map((r, i) => fit(`${i + 1}:${SHORT[r]}`, 6)).join('')} RECOMMENDED
      </Text>
      {spec.hosts.slice(start, start + listHeight).map((h, i) => {
        const at = start + i;
        const a = state.advice.find((x) => x.host === h.name);
        const same = a && a.roles.length === h.roles.length && a.roles.every((r) => h.roles.includes(r));
        const locked = state.existingHosts.includes(h.name);
        return (
          <Row key={h.name} selected={at === roles.cursor} dim={locked}>
            {fit(h.name, nameW)}
            {ROLES.map((r, c) => {
              const on = h.roles.includes(r);
              const cell = at === roles.cursor && c === roles.col ? `<${on ? 'x' : ' '}>` : `[${on ? 'x' : ' '}]`;
              return (
                <Text key={r} color={at === roles.cursor && c === roles.col ? 'cyan' : undefined}>
                  {' '}
                  {cell}
                  {'  '}
                </Text>
              );
            })}
            {'  '}
            <Text dimColor>
              {locked
                ? 'deployed'
                : a
                  ? same
                    ? 'as recommended'
                    : `rec: ${a.roles.map((r) => SHORT[r]).join(',') || 'none'}`
                  : 'not scanned'}
            </Text>
          </Row>
        );
      })}
      <Text dimColor wrap="truncate-end">
        {'  '}1 manager (deploy host: {spec.deploy.host}) · 2 control · 3 network · 4 compute · 5 storage · 6 monitoring
      </Text>
      {adviceLines.map((l, i) => (
        <Text key={`a${i}`} wrap="truncate-end">
          {' '}
          {l}
        </Text>
      ))}
      <FindingLines findings={shownFindings} width={width} max={findingRows} />
    </Box>
  );
}
