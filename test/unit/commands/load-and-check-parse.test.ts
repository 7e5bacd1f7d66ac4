// A verb's preset load parses the YAML once: the top-level keys the file answers (the guided flow's
// prefill) are read from the text only when asked for (parsing 10,000 hosts' preset a second time
// was 12 % of a render's CPU).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { checkPresetText } from '../../../src/commands/load-and-check.js';
import { repoRoot } from '../../helpers/shared.js';

vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('yaml')>();
  return { ...yaml, parse: vi.fn(yaml.parse) };
});

describe('checkPresetText', () => {
  it('does not parse the text a second time unless the answered keys are read, and then gives them', () => {
    const text = readFileSync(join(repoRoot, 'presets', 'all-in-one.yaml'), 'utf8');
    const checked = checkPresetText(text, { file: 'all-in-one.yaml' });
    expect(checked.spec).not.toBeNull();
    expect(vi.mocked(parse)).not.toHaveBeenCalled();
    expect(checked.answered).toEqual(Object.keys(parse(text) as object));
    expect(checked.answered).toContain('hosts');
    // read once (the call above in the expectation is the test's own)
    expect(vi.mocked(parse)).toHaveBeenCalledTimes(2);
  });
});
