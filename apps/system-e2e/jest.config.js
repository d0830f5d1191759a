module.exports = {
  displayName: 'system-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  // the services run as their own processes; one boot is shared by every test of a file
  testTimeout: 120_000,
};
