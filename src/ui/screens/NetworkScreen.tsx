// Network: the VIPs and VRRP id as typed (checked on every key), the default interfaces and each
// host's interfaces with what the scan saw on them, and the network findings.
import { TextCursor } from '../components/TextCursor.js';
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { FindingLines } from '../components/FindingLines.js';
import { Row } from '../components/Row.js';
import { fit } from '../components/wrap.js';
import { nicLine } from '../state/facts-text.js';
import { windowStart } from '../state/list.js';
import {
  hostInterface,
  networkFields,
  sourceProblem,
  parseDhcpText,
  parseNsText,
  vipProblem,
  vridProblem,
  type NetworkField,
} from '../state/network-fields.js';
import { serviceRowText } from '../state/screens/network.js';
import { orderedFindings } from '../state/screens/review.js';
import type { WizardState } from '../state/types.js';
import type { ScreenProps } from './types.js';

/** Label, value and the live check of a row. */
function rowText(state: WizardState, f: NetworkField): { label: string; value: string; note: string; bad: boolean; text: boolean } {
  const n = state.spec.network;
  switch (f.kind) {
    case 'internalVip': {
      const p = vipProblem(n.internalVip, false);
      return {
        label: 'Internal VIP',
        value: n.internalVip,
        note: p ?? 'address held by keepalived for the APIs',
        bad: p !== null,
        text: true,
      };
    }
    case 'externalVip': {
      const p = vipProblem(n.externalVip ?? '', true);
      return {
        label: 'External VIP',
        value: n.externalVip ?? '',
        note: p ?? (n.externalVip ? 'public endpoints' : 'empty: same as the internal VIP'),
        bad: p !== null,
        text: true,
      };
    }
    case 'virtualRouterId': {
      const p = vridProblem(String(n.virtualRouterId));
      return {
        label: 'VRRP id',
        value: String(n.virtualRouterId),
        note: p ?? 'keepalived id, unique on the L2 segment',
        bad: p !== null,
        text: true,
      };
    }
    case 'ironicDhcp': {
      const text = serviceRowText(state, 'ironicDhcp');
      const parsed = parseDhcpText(text);
      const more = (state.spec.options?.ironic.dhcpRanges.length ?? 0) - 1;
      const note =
        'problem' in parsed
          ? parsed.problem
          : parsed.range
            ? `bare metal DHCP START-END,GATEWAY${more > 0 ? ` (+${more} more from the preset)` : ''}`
            : 'required: START-END,GATEWAY';
      return { label: 'Ironic DHCP', value: text, note, bad: 'problem' in parsed || !parsed.range, text: true };
    }
    case 'designateNs': {
      const text = serviceRowText(state, 'designateNs');
      const parsed = parseNsText(text);
      const note =
        'problem' in parsed
          ? parsed.problem
          : parsed.records
            ? 'NS records of the zones (comma-separated)'
            : "empty: kolla's example ns1.example.org";
      return { label: 'Designate NS', value: text, note, bad: 'problem' in parsed, text: true };
    }
    case 'pipIndex':
    case 'registry':
    case 'proxy': {
      const value = state.spec.deploy[f.kind] ?? '';
      const p = sourceProblem(f.kind, value);
      const label = { pipIndex: 'pip index', registry: 'Registry', proxy: 'Proxy' }[f.kind];
      const empty = {
        pipIndex: 'empty: PyPI (an index URL or a wheelhouse dir for offline sites)',
        registry: "empty: quay.io (a mirror with kolla's images: host:port)",
        proxy: 'empty: none (http://host:port for pip, checks, containers)',
      }[f.kind];
      return { label, value, note: p ?? (value ? 'checked from the manager in preflight' : empty), bad: p !== null, text: true };
    }
    case 'interface':
      return {
        label: 'API interface',
        value: `‹ ${n.interface} ›`,
        note: 'default for every host (kolla network_interface)',
        bad: false,
        text: false,
      };
    case 'externalInterface':
      return {
        label: 'External iface',
        value: `‹ ${n.externalInterface} ›`,
        note: 'default provider network interface, no address',
        bad: false,
        text: false,
      };
    case 'host-network':
    case 'host-external': {
      const which = f.kind === 'host-network' ? 'network' : 'external';
      const name = hostInterface(state.spec, f.host, which);
      const facts = state.facts[f.host];
      const nic = facts?.nics.find((x) => x.name === name);
      const own = state.spec.hosts.find((h) => h.name === f.host)?.interfaces?.[which] !== undefined;
      const note = !facts ? 'not scanned' : nic ? nicLine(nic).replace(/^\S+\s+/, '') : `${name} does not exist on ${f.host}`;
      return {
        label: `${f.host} ${which === 'network' ? 'api' : 'ext'}`,
        value: `‹ ${name} ›${own ? '' : ' (default)'}`,
        note,
        bad: Boolean(facts) && !nic,
        text: false,
      };
    }
  }
}

/** The Network body. */
export function NetworkScreen({ state, rules, width, height }: ScreenProps) {
  const deployed = useMemo(() => new Set(rules.resolveServices(state.spec).services), [rules, state.spec]);
  const fields = networkFields(state.spec, deployed);
  const cursor = Math.min(state.network.cursor, fields.length - 1);
  const findings = useMemo(
    () =>
      orderedFindings(
        rules
          .checkSpec(state.spec, state.facts)
          .filter(
            (f) =>
              (f.id.startsWith('network.') || f.id === 'service.ironic.dhcp' || f.id === 'service.designate.ns') &&
              (f.severity !== 'pass' || f.id.startsWith('network.vip')),
          ),
      ),
    [rules, state.spec, state.facts],
  );
  const findingRows = Math.min(Math.max(findings.length, 1) * 2, 6);
  const listHeight = Math.max(height - findingRows - 1, 4);
  const start = windowStart(cursor, fields.length, listHeight);
  return (
    <Box flexDirection="column">
      {fields.slice(start, start + listHeight).map((f, i) => {
        const at = start + i;
        const t = rowText(state, f);
        const editing = at === cursor && t.text;
        return (
          <Row key={`${f.kind}-${'host' in f ? f.host : ''}`} selected={at === cursor}>
            {fit(t.label, 16)}{' '}
            <Text bold>
              {t.value}
              {editing ? <TextCursor /> : ''}
            </Text>
            {' '.repeat(Math.max(22 - t.value.length - (editing ? 1 : 0), 1))}
            <Text color={t.bad ? 'red' : undefined} dimColor={!t.bad}>
              {t.bad ? '✗ ' : ''}
              {t.note}
            </Text>
          </Row>
        );
      })}
      <Text> </Text>
      <FindingLines findings={findings} width={width} max={findingRows} withFix />
    </Box>
  );
}
