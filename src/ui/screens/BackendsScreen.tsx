// Backends: one row per choice with its value, the OSD disk picker (disks with data marked), and
// the selected row explained with the storage and backend findings.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { BACKENDS, backendChoice } from '../../catalog/index.js';
import { resolveComputeChoices } from '../../plan/virtualization.js';
import { formatBytes } from '../../plan/units.js';
import { FindingLines } from '../components/FindingLines.js';
import { Row } from '../components/Row.js';
import { fit, wrapText } from '../components/wrap.js';
import { backendFields, choicesOf, type BackendField } from '../state/backend-fields.js';
import { windowStart } from '../state/list.js';
import { orderedFindings } from '../state/screens/review.js';
import type { WizardState } from '../state/types.js';
import type { ScreenProps } from './types.js';

const LABEL_W = 16;

function onOff(v: boolean): string {
  return v ? 'on' : 'off';
}

/** Label and value of a row. */
function rowText(state: WizardState, f: BackendField): { label: string; value: string; note: string; color?: string } {
  const b = state.spec.backends;
  const storageHosts = state.spec.hosts.filter((h) => h.roles.includes('storage')).length;
  switch (f.kind) {
    case 'compute': {
      const per = resolveComputeChoices(state.spec, state.facts);
      const summary = Object.entries(per)
        .map(([h, c]) => `${h}: ${c.virtType}`)
        .join(', ');
      return { label: 'Hypervisor', value: `‹ ${b.compute} ›`, note: summary || 'no compute host yet' };
    }
    case 'network':
      return { label: 'Network', value: `‹ ${b.network} ›`, note: choicesOf('network').find((c) => c.id === b.network)?.label ?? '' };
    case 'dvr':
      return { label: 'DVR', value: onOff(b.dvr), note: 'distributed virtual routing (Neutron)' };
    case 'storage':
      return { label: 'Storage', value: `‹ ${b.storage} ›`, note: choicesOf('storage').find((c) => c.id === b.storage)?.label ?? '' };
    case 'ceph-replicas':
      return {
        label: 'Ceph replicas',
        value: `‹ ${b.ceph.replicas} ›`,
        note: `copies of each object on distinct hosts (storage hosts: ${storageHosts})`,
        ...(b.ceph.replicas > storageHosts ? { color: 'yellow' } : {}),
      };
    case 'ceph-rgw':
      return { label: 'Ceph RGW', value: onOff(b.ceph.rgw), note: 'S3/Swift object storage' };
    case 'ceph-cephfs':
      return { label: 'CephFS', value: onOff(b.ceph.cephfs), note: 'file system (Manila backend)' };
    case 'gluster-replicas':
      return {
        label: 'Gluster replicas',
        value: `‹ ${b.glusterfs.replicas} ›`,
        note: `volume ${b.glusterfs.volume}, bricks in ${b.glusterfs.brickPath} (storage hosts: ${storageHosts})`,
      };
    case 'osd':
      return {
        label: `${f.selected ? '[x]' : f.why ? '[-]' : '[ ]'} ${f.host}`,
        value: `${f.disk.path} ${formatBytes(f.disk.sizeBytes)} ${f.disk.rotational ? 'HDD' : 'SSD'}`,
        note: f.why ?? f.disk.model ?? '',
        ...(f.why ? { color: 'yellow' } : f.selected ? { color: 'green' } : {}),
      };
    case 'osd-none':
      return { label: `    ${f.host}`, value: '', note: f.why, color: 'yellow' };
  }
}

/** What the selected row is about. */
function explain(state: WizardState, f: BackendField | undefined): string {
  const b = state.spec.backends;
  if (!f) return '';
  switch (f.kind) {
    case 'compute':
      return `auto picks kvm where the CPU has VT-x/AMD-V and /dev/kvm exists, else qemu (software emulation). ${Object.entries(
        resolveComputeChoices(state.spec, state.facts),
      )
        .map(([h, c]) => `${h}: ${c.reason}.`)
        .join(' ')}`;
    case 'network': {
      const refused = choicesOf('network')
        .filter((c) => c.refused)
        .map((c) => `${c.label} is not offered: ${c.refused}`);
      return [backendChoice('network', b.network)?.description ?? '', ...refused].join(' ');
    }
    case 'dvr':
      return `${BACKENDS.dvr.description} ${BACKENDS.dvr.conflicts.map((c) => c.reason).join(' ')}`;
    case 'storage': {
      const c = backendChoice('storage', b.storage);
      return `${c?.description ?? ''}${c?.caveat ? ` ${c.caveat}` : ''}`;
    }
    case 'ceph-replicas':
      return 'Each object is stored on this many storage hosts; writes continue while a majority of the copies is there. 3 is the production default; fewer storage hosts than replicas cannot work.';
    case 'ceph-rgw':
    case 'ceph-cephfs': {
      const part = backendChoice('storage', 'ceph')?.parts?.[f.kind === 'ceph-rgw' ? 'rgw' : 'cephfs'];
      return part ? `${part.seedName}: ${part.description}` : '';
    }
    case 'gluster-replicas':
      return 'The GlusterFS volume keeps this many copies, one brick per storage host.';
    case 'osd':
      return `${f.host} ${f.disk.path}: ${f.why ? `cannot hold an OSD: ${f.why}.` : f.selected ? 'becomes an OSD: its content is erased by cephadm.' : 'free; space makes it an OSD.'}${state.spec.backends.ceph.osdDevices === 'auto' ? ' (auto: every free disk of every storage host.)' : ''}`;
    case 'osd-none':
      return `${f.host}: ${f.why}.`;
  }
}

/** The Backends body. */
export function BackendsScreen({ state, rules, width, height }: ScreenProps) {
  const fields = backendFields(state.spec, state.facts);
  const cursor = Math.min(state.backends.cursor, fields.length - 1);
  const findings = useMemo(
    () =>
      orderedFindings(
        rules
          .checkSpec(state.spec, state.facts)
          .filter(
            (f) =>
              (f.id.startsWith('storage.') || f.id.startsWith('backend.') || f.id === 'virt.compute' || f.id === 'service.conflict') &&
              f.severity !== 'pass',
          ),
      ),
    [rules, state.spec, state.facts],
  );
  const detail = wrapText(explain(state, fields[cursor]), width - 2, 3);
  const findingRows = Math.min(findings.length * 2, 4);
  const listHeight = Math.max(height - detail.length - findingRows - 1, 3);
  const start = windowStart(cursor, fields.length, listHeight);
  return (
    <Box flexDirection="column">
      {fields.slice(start, start + listHeight).map((f, i) => {
        const at = start + i;
        const t = rowText(state, f);
        return (
          <Row key={`${f.kind}-${'host' in f ? f.host : ''}-${'disk' in f ? f.disk.path : ''}`} selected={at === cursor}>
            {fit(t.label, LABEL_W)}{' '}
            <Text bold color={t.color}>
              {fit(t.value, 24)}
            </Text>{' '}
            <Text dimColor>{t.note}</Text>
          </Row>
        );
      })}
      {detail.map((l, i) => (
        <Text key={`d${i}`} wrap="truncate-end">
          {' '}
          {l}
        </Text>
      ))}
      <FindingLines
        findings={findings}
        width={width}
        max={findingRows}
        withFix={false}
        elsewhere={state.flow === 'reconfigure' ? null : 'on the Review screen'}
      />
    </Box>
  );
}
