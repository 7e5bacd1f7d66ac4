// The lab for test files: rebuilt from the description globalSetup provided, so hostExec,
// killSshd and friends work inside test workers.
import { inject } from 'vitest';
import { labFromDescription, type Lab } from './lab.js';

/** The running lab of this test run (fails loudly when the file runs outside the lab projects). */
export function lab(): Lab {
  const description = inject('lab');
  if (!description)
    throw new Error('no lab was provided: run this file in the "lab" or "e2e" vitest project (its globalSetup starts the lab)');
  return labFromDescription(description);
}
