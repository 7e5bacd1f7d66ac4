// Parser of `gluster volume info VOLUME` (glusterfs 10: "Volume Name:", "Status:", "Number of Bricks:
// 1 x 3 = 3", "BrickN: host:/path" lines). Pure; the output comes from a host: untrusted, only read.

/** What the engine needs to know of an existing volume. */
export interface GlusterVolume {
  name: string;
  /** Created, Started or Stopped. */
  status: string;
  /** Bricks in volume order, `address:/path`. */
  bricks: string[];
}

/** The volume described in the text, or null when the text describes none (the volume does not exist). */
export function parseVolumeInfo(text: string): GlusterVolume | null {
  const name = /^Volume Name:\s*(\S+)\s*$/m.exec(text)?.[1];
  if (!name) return null;
  const status = /^Status:\s*(\S+)\s*$/m.exec(text)?.[1] ?? 'unknown';
  const bricks = [...text.matchAll(/^Brick\d+:\s*(\S+:\S+?)(?:\s+\(arbiter\))?\s*$/gm)].map((m) => m[1]!);
  return { name, status, bricks };
}

/** Every volume of `gluster volume info` without a name (one "Volume Name:" block each). */
export function parseVolumesInfo(text: string): GlusterVolume[] {
  return text
    .split(/^(?=Volume Name:)/m)
    .map(parseVolumeInfo)
    .filter((v): v is GlusterVolume => v !== null);
}
