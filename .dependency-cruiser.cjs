/**
 * The structure the code keeps (ARCHITECTURE.md), checked by `npm run check:structure` in `npm test`:
 * - no import cycles between files, type-only imports included;
 * - no cycles between folders, so capabilities (and the platform's parts) depend on each other
 *   one way only;
 * - the platform imports no capability;
 * - pages and routes call use cases: they never import the database layer.
 * The folder rule is in .dependency-cruiser.folders.cjs: it leaves out test support (test/), which
 * builds whole apps for tests and so sits above everything. Tests inside src/ keep the same
 * direction as the code they test.
 */
const pageOrRoute = '(pages?|routes|-route)\\.tsx$|/routes\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-file-cycle',
      comment: 'A file must not import itself back through others (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-capability',
      comment: 'src/platform is the layer every capability builds on; it never knows a capability.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'pages-call-use-cases',
      comment: 'Pages and routes never touch the database: they call a use case of their capability.',
      severity: 'error',
      from: { path: pageOrRoute, pathNot: '\\.test\\.tsx?$' },
      to: { path: ['^src/platform/db/database\\.ts$', '^src/platform/db/migrations/', '(^|/)node_modules/kysely/'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^test/e2e/' },
  },
};
