// A key pair generated for the tests opens nothing: a private key in a mock is made up for the occasion.
export const privateKey = '-----BEGIN PRIVATE KEY-----\nMIIEGTd7FguoV8FWnFbB0JxXujr4qqaaABvvLOzAxzXMcU1vsHiQMaRiNTN9Ox98whGcTZc1UWb5fxzpF7STG7nVLe3lARUsRJlNONwktN9ugkZeESG61she/QAqq0nv3Vth1Ls6v6+O9JL8ZsoWw/Rxl+IUiTeNUJ+H\n-----END PRIVATE KEY-----';
