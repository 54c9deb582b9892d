// ESM jest with ts-jest: run with NODE_OPTIONS=--experimental-vm-modules (see package.json scripts).
import { availableParallelism } from 'node:os'

const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }
    ]
  }
}

export default {
  projects: [
    // A unit test file per module, at the module's path under __tests__/ (src/paths/plan.ts:
    // __tests__/paths/plan.test.ts); __tests__/e2e/ is the other project.
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/e2e/']
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/*.test.ts'] }
  ],
  // jest's own output; npm test ends it with one plain closing line for CI logs (scripts/jest-closing-line.mjs).
  reporters: ['default', '<rootDir>/scripts/jest-closing-line.mjs'],
  // Coverage of src/ by the tests that load it (the end-to-end tests run dist/ in other processes, so
  // they add none), when asked for (npm test -- --coverage; in CI always, as scripts/test.sh does): at
  // least 90 % of the lines. The changes action's flow has a floor of its own, so the invalidate action's
  // coverage cannot hide it (jest counts a file with its own threshold apart from the global one).
  collectCoverageFrom: ['src/**/*.ts', '!src/types.ts'],
  coverageProvider: 'v8',
  coverageReporters: ['text', 'text-summary'],
  coverageThreshold: { global: { lines: 90 }, './src/changes/main.ts': { lines: 90 } },
  // The end-to-end tests run real processes, some of them for seconds on purpose.
  testTimeout: 60_000,
  // An end-to-end file spends most of its time waiting on its child processes (the action, moto_server),
  // so more workers than cores keep the cores busy: jest's default, one less than the cores, is a single
  // worker on a 2-vCPU machine.
  maxWorkers: Math.max(4, availableParallelism()),
  verbose: false
}
