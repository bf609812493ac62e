import antdEnUS from 'antd/es/locale/en_US';
import { enUS } from './en-US';

/** Everything English needs beyond the Chinese default, fetched only when English is chosen. */
export const english = { messages: enUS, antdLocale: antdEnUS };
