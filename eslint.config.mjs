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
    // Text from AWS is shown as text: every notification, modal message and progress title goes through
    // src/shared/ui.ts, which neutralises links, icons and control characters (issue #26).
    files: ['src/**/*.ts'],
    ignores: ['src/shared/ui.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name=/^(show(Information|Warning|Error)Message|withProgress)$/][object.property.name='window']",
          message: 'Use ui.showInformationMessage / showWarningMessage / showErrorMessage / withProgress (src/shared/ui.ts): text from AWS must never render as a link or an icon.',
        },
        {
          selector: "MemberExpression[property.name=/^(show(Information|Warning|Error)Message|withProgress)$/][object.name='window']",
          message: 'Use src/shared/ui.ts: text from AWS must never render as a link or an icon.',
        },
      ],
    },
  },
  {
    // The VS Code-free core: plain Node tests drive it, so it never imports vscode or the VS Code layer.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The core (src/core) stays VS Code-free.' }],
          patterns: [{ group: ['**/commands/**', '**/explorer/**', '**/costs/**', '**/shared/**', '**/workbench', '**/extension'], message: 'The core does not import the VS Code layer.' }],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'esbuild.mjs', '.dependency-cruiser.cjs'],
    languageOptions: { globals: globals.node },
  },
);
