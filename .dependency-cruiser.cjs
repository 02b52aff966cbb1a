// The import rules of ARCHITECTURE.md, checked on the real import graph by npm test
// (tests/architecture.test.ts) and by `npx depcruise app src proxy.ts instrumentation.ts`.

const features =
  'src/(inbound|outbound|jobs|ai|dashboard|channels|auth|tenants|system|launcher|cli|deploy|observability)/';

module.exports = {
  forbidden: [
    {
      name: 'src-never-imports-app',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^app/' },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'channels-stay-below-the-features',
      comment: 'A channel knows the contract and shared helpers, never who calls it.',
      severity: 'error',
      from: { path: '^src/channels/' },
      to: { path: '^src/(inbound|outbound|jobs|ai|dashboard|cli|launcher)/' },
    },
    {
      name: 'pipeline-knows-channels-only-through-the-contract',
      comment:
        'inbound, outbound, jobs and ai use src/channels/*.ts (contract, registry, shared helpers), never a channel folder.',
      severity: 'error',
      from: { path: '^src/(inbound|outbound|jobs|ai)/' },
      to: { path: '^src/channels/[^/]+/' },
    },
    {
      name: 'shared-imports-no-feature',
      severity: 'error',
      from: { path: '^src/(db|shared|crypto|i18n)/|^src/env\\.ts$' },
      to: { path: features },
    },
    {
      name: 'dashboard-only-from-app',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/dashboard/' },
      to: { path: '^src/dashboard/' },
    },
    {
      name: 'launcher-only-from-entry-points',
      comment:
        'The local runtime (embedded PostgreSQL, scheduler) is started by the launcher and instrumentation only.',
      severity: 'error',
      from: { path: '^(app|src)/', pathNot: '^src/(launcher|cli)/' },
      to: { path: '^src/launcher/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.next)/|\\.test\\.tsx?$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
