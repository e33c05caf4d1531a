// Test files hold fixtures, not production secrets.
const sessionSecret = 'test-session-secret-123';
