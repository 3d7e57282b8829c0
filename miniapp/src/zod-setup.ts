/**
 * Imported first by app.tsx: zod must not compile parsers with `new Function`, which mini-programs
 * forbid. Set before any other module can parse anything.
 */
import { z } from 'zod';

z.config({ jitless: true });
