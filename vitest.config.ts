// Four test projects: pure/unit tests (parallel), the real kolla-ansible of every release against the
// trees we render (test/kolla/), integration tests on the SSH lab, and end-to-end runs of the built
// binary in tmux against the lab. `npm test` runs them one after the other (sequence.groupOrder): on two
// cores the lab's deploy runs and the e2e walk must not compete with the unit tests' key generation for CPU.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          sequence: { groupOrder: 0 },
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'kolla',
          include: ['test/kolla/**/*.test.{ts,tsx}'],
          sequence: { groupOrder: 1 },
          globalSetup: ['test/kolla/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'lab',
          include: ['test/integration/**/*.test.{ts,tsx}'],
          sequence: { groupOrder: 2 },
          globalSetup: ['test/lab/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      // `npm run test:kolla-deep` only (OSISM_KOLLA_DEEP=1): the real genconfig of every role, too slow for npm test.
      ...(process.env.OSISM_KOLLA_DEEP
        ? [
            {
              extends: true as const,
              test: {
                name: 'kolla-deep',
                include: ['test/kolla-deep/**/*.test.ts'],
                globalSetup: ['test/kolla/global-setup.ts'],
                fileParallelism: false,
                testTimeout: 3_600_000,
                hookTimeout: 600_000,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          sequence: { groupOrder: 3 },
          globalSetup: ['test/lab/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
