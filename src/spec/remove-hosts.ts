// A preset's text without some hosts (remove-node keeps the operator's preset the truth): the YAML
// document edited in place, so comments, order and every other key stay as the operator wrote them;
// the hosts' per-host OSD devices (backends.ceph.osdDevices.<host>) go with them.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

/** The preset text without the named hosts; throws when the text has no hosts list. */
export function removeHostsFromPreset(text: string, names: readonly string[]): string {
  const doc = parseDocument(text);
  const hosts = doc.get('hosts');
  if (!isSeq(hosts)) throw new Error('the preset has no hosts list');
  const gone = new Set(names);
  hosts.items = hosts.items.filter((item) => !(isMap(item) && gone.has(String(item.get('name')))));
  const devices = doc.getIn(['backends', 'ceph', 'osdDevices']);
  if (isMap(devices)) devices.items = devices.items.filter((pair) => !(isScalar(pair.key) && gone.has(String(pair.key.value))));
  return doc.toString();
}

/** The host names a preset text lists, in order; null when it is not YAML with a hosts list. */
export function presetHostNames(text: string): string[] | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return null;
  const hosts = doc.get('hosts');
  return isSeq(hosts) ? hosts.items.map((item) => (isMap(item) ? String(item.get('name')) : '')) : null;
}

/** The preset text with host `old` replaced by `next` in its place (name and address; its roles and other keys kept); throws when the text does not list `old`. */
export function replaceHostInPreset(text: string, old: string, next: { name: string; address: string }): string {
  const doc = parseDocument(text);
  const hosts = doc.get('hosts');
  if (!isSeq(hosts)) throw new Error('the preset has no hosts list');
  const item = hosts.items.find((x) => isMap(x) && String(x.get('name')) === old);
  if (!isMap(item)) throw new Error(`the preset does not list ${old}`);
  // new scalar nodes: a comment on the old host's name or address ("# failed disk") is not the new host's
  item.set('name', doc.createNode(next.name));
  item.set('address', doc.createNode(next.address));
  const devices = doc.getIn(['backends', 'ceph', 'osdDevices']);
  if (isMap(devices)) devices.items = devices.items.filter((pair) => !(isScalar(pair.key) && String(pair.key.value) === old));
  return doc.toString();
}
