// A root jest config for one project, no `projects`: it runs the root's tests, not the members'.
module.exports = { testEnvironment: 'node', roots: ['<rootDir>/scripts'] };
