// A settings page: each field names the key of a provider secret it edits; the values are the user's, not the code's.
export const fields = [
  { id: 'ses-region', type: 'secret', fieldProps: { secretKey: 'region', label: 'AWS Region' } },
  { id: 'ses-access', type: 'secret', fieldProps: { secretKey: 'accessKeyId', password: 'hunter22', label: 'Access key' } },
];
export default function Settings() {
  return <form>{fields.map((f) => <input key={f.id} name={f.fieldProps.secretKey} />)}</form>;
}
