import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/', 'changes/dist/', 'node_modules/', '.node24/', '.moto/', 'coverage/', 'build/'] },
  js.configs.recommended,
  // Type-aware: a forgotten await in a deploy step (no-floating-promises) is a silent bug.
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Numbers and booleans in messages read as what they are.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }]
    }
  },
  {
    // Fakes keep the async signatures of what they stand in for; afterAll hooks guard against a
    // beforeAll that failed half-way.
    files: ['__tests__/**', '__fixtures__/**'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off'
    }
  },
  {
    // Plain JavaScript (scripts, config, the undici stand-in) is outside the TypeScript project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked
  },
  prettier
)
