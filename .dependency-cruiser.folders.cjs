/**
 * No cycles between folders: capabilities, and the parts of the platform, depend on each other one
 * way only (ARCHITECTURE.md). Run over src/ without test support (test/), which imports the whole
 * app for its tests; tests inside src/ are included and keep the direction of the code they test.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  extends: './.dependency-cruiser.cjs',
  forbidden: [
    {
      name: 'no-folder-cycle',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    exclude: { path: '^test/' },
  },
};
