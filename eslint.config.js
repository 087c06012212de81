// Type-aware lint. Floating promises are errors: an unhandled rejection in a call
// pipeline drops a patient's call silently.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'console/web/**', '.data/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tingzhen/*/src/*', '@tingzhen/*/src'], message: 'Import a package through its public entry, never its src/ files.' },
          { group: ['../../voice-core/*', '../../speech/*', '../../dialog-engine/*', '../../voice-gateway/*', '../../campaigns/*', '../../app/*', '../../load-tests/*', '../../../*/src/*'], message: 'Cross-package imports go through @tingzhen/<package>.' },
        ],
      }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the config schema (voice-core loadConfig), not process.env.' }],
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.test.ts', '**/bench/**/*.ts', '*.config.ts', 'app/src/config/**/*.ts', 'voice-core/src/config/**/*.ts'],
    rules: { 'no-restricted-properties': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
