// A form descriptor in server code: beside a label and a help text, `secretKey` names a field.
export const SES_FIELDS = [{ secretKey: 'sesregion', label: 'AWS Region', helperText: 'The region to send from.' }];

// Server code that chooses a secret itself stays a finding.
export const session = { sessionSecret: 'dashboard-session-secret' };
//                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^ literal

// Beside a description, key material is still a secret.
export const WEBHOOK = { apiSecret: 'f3Kq9xLm2Pw7Zt4Rb8Nc1Vd6', description: 'Signs webhook payloads' };
//                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^ literal
