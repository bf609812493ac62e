import { signedIn } from '../../lib/principal.js';

/** One's own session and password: whoever is signed in (what a token may not do is the service's to refuse, with its reason). */
export const authPolicies = {
  self: signedIn,
};
