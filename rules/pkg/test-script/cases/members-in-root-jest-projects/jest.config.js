// One jest run at the root tests every package: CI runs `yarn jest packages/<name>`.
module.exports = {
  projects: [
    { displayName: 'api', roots: ['<rootDir>/packages/api/src'] },
    { displayName: 'worker', roots: ['<rootDir>/packages/worker/src'] },
  ],
};
