// The workspace's own ESLint rules, as one plugin object.
// eslint.config.mjs registers it under the `hub` prefix (`hub/handlers-must-be-venue-scoped`).
// @nx/eslint-plugin also loads this folder by convention (tools/eslint-rules/index + tsconfig.json)
// and exposes the same rules as `@nx/workspace-<name>`; we do not use that prefix.
'use strict';

module.exports = {
  meta: { name: 'hub' },
  rules: {
    'handlers-must-be-venue-scoped': require('./handlers-must-be-venue-scoped.cjs'),
  },
};
