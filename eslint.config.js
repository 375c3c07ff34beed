import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// One process layer: timeouts, cancellation and process groups are handled in one place (src/process).
const ONE_PROCESS_LAYER = {
  name: 'node:child_process',
  message: 'start processes through src/process (one contract for timeouts, cancellation, process groups)',
};

/** A rule that keeps the files in `files` from importing what `regex` matches (docs/architecture.md). */
function floor(files, regex, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths: [ONE_PROCESS_LAYER], patterns: [{ regex, message }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'benchmarks/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // k6 scripts: k6's globals instead of Node's.
    files: [
      'profiles/**/*.ts',
      'test/fixtures/k6/**/*.js',
      'test/fixtures/k6-compat/**/*.js',
      'test/fixtures/llama-bench/*.js',
      'test/fixtures/profiles/**/*.ts',
      'src/perf/scripts/*.js',
    ],
    languageOptions: {
      globals: {
        __ENV: 'readonly',
        __VU: 'readonly',
        __ITER: 'readonly',
        open: 'readonly',
        console: 'readonly',
      },
    },
  },
  // The floors: a folder imports only from the floors below it (a later block replaces an earlier one's rule).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/process/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [ONE_PROCESS_LAYER] }] },
  },
  floor(
    ['src/commands/*.ts'],
    '^\\./[^/]+$',
    'a verb does not import another verb: move what they share into src/runner, src/report or src/commands/options',
  ),
  floor(
    ['src/results/**/*.ts'],
    '/(diagnose|report|runner|commands)/',
    'src/results reads runs; diagnose, report, runner and commands build on it, not the other way',
  ),
  floor(
    ['src/podman/**/*.ts'],
    '/(deploy|runner|commands|diagnose)/',
    'src/podman renders and runs containers; deploy builds on it, not the other way',
  ),
  floor(
    ['src/engine/**/*.ts'],
    '/(results|report|runner|commands|diagnose|deploy|podman|remote|local|sim|config|tiny-model|demo-chat|perf|build|process|batch)/',
    'the engine stands alone: it imports only src/engine and src/util',
  ),
  floor(['src/util/**/*.ts'], '^\\.\\./', 'src/util is the ground floor: it imports nothing of the toolkit'),
  floor(
    ['src/report/**/*.ts'],
    '/(runner|commands)/',
    'src/report renders what others computed: it does not run anything',
  ),
  floor(
    ['src/campaign/**/*.ts'],
    '/commands/',
    'src/campaign runs campaigns for the verbs; the verbs build on it, not the other way',
  ),
  floor(
    ['src/campaign/analysis/**/*.ts'],
    '/(commands|runner|report|deploy|diagnose|remote|podman|process)/|^\\.\\./(?!types\\.ts$)[^./]',
    'src/campaign/analysis computes from a campaign record: it runs, deploys and renders nothing',
  ),
  floor(
    ['profiles/**/*.ts'],
    '^\\.\\./\\.\\./src/|^node:',
    'profiles run inside k6: no Node APIs, no toolkit code',
  ),
);
