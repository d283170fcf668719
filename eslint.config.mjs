import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', '.venv/', '.venv-bench/', '.sandbox/', 'bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The VS Code-free core: plain Node tests drive it, so it never imports vscode or the VS Code layer.
    files: ['src/aws/**/*.ts', 'src/keys/**/*.ts', 'src/ssh/**/*.ts', 'src/loadTest/**/*.ts', 'src/userData/**/*.ts', 'src/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The core (src/aws, src/keys, src/ssh, src/loadTest, src/userData, src/shell) stays VS Code-free.' }],
          patterns: [{ group: ['**/commands/**', '**/explorer/**', '**/shared/**', '**/workbench', '**/extension'], message: 'The core does not import the VS Code layer.' }],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'esbuild.mjs'],
    languageOptions: { globals: globals.node },
  },
);
