/**
 * Who answered, as stored in `responses.identity`: one response per identity per campaign (a unique
 * key). An invitation is its row id, a phone and a device their keyed hashes (privacy.ts), so the
 * stored value names nobody. Spelled here only; SQL that joins invitations to responses uses
 * `invitationIdentitySql`.
 */
export const respondentIdentity = {
  invitation: (invitationId: number) => `inv:${invitationId}`,
  phone: (phoneHash: string) => `phone:${phoneHash}`,
  device: (deviceHash: string) => `device:${deviceHash}`,
};

/** The same identity of an invitation in SQL, for a row alias of `invitations`. */
export const invitationIdentitySql = (alias: string) => `'inv:' || ${alias}.id`;
