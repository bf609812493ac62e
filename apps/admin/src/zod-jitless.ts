import { z } from 'zod';

// The page's Content-Security-Policy allows no eval. zod probes for it (new Function) when a schema
// is built, which the browser reports as a violation: say up front that it must not compile schemas.
// Imported first by main.tsx, so this runs before any module builds a schema.
z.config({ jitless: true });
