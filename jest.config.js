// ESM jest with ts-jest: run with NODE_OPTIONS=--experimental-vm-modules (see package.json scripts).
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
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/*.test.ts'] }
  ],
  // The end-to-end tests run real processes, some of them for seconds on purpose.
  testTimeout: 60_000,
  verbose: false
}
