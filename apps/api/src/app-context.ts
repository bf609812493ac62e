import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { LoginGuards } from './modules/auth/auth.service.js';

/** What every module's routes need: built once in buildApp and passed down explicitly. */
export interface AppContext {
  config: Config;
  db: Database;
  loginGuards: LoginGuards;
}
