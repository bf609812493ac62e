// What `zod` means in the admin's bundle (vite.config.ts aliases it here), so that every schema,
// whichever lazily loaded page builds it, is built with this setting first:
// the page's Content-Security-Policy allows no eval. zod probes for it (new Function) when a schema
// is built, which the browser reports as a violation: say up front that it must not compile schemas.
// Called by its own name: vite.config.ts lets the bundler drop unused `z.…` calls as pure.
import { config } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
export { default } from 'zod/v4';
