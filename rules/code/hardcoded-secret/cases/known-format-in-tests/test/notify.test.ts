// Webhook URLs with the shape of Slack's and none of its randomness: made up for the test.
export const cases = [
  { webhookUrl: 'https://hooks.slack.com/services/T00/B00/xxx' },
  { webhookUrl: 'https://hooks.slack.com/services/T00000000/B00000000/test-create' },
];
