// Every interface string in both languages, by locale: the Chinese default (messages.ts) and the English
// table (messages-en.ts, typed by the Chinese keys, so neither can miss a key).
import { zhCN, type Locale, type Messages } from './messages';
import { en } from './messages-en';

export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
