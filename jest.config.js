// `npm test`: every project's unit, integration and e2e tests, against real Postgres and NATS
// (found as ARCHITECTURE.md "Running it" says; see libs/testing).
module.exports = {
  projects: [
    '<rootDir>/libs/**/jest.config.js',
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/tools/jest.config.js',
  ],
};
