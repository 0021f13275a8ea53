// UI strings of this feature, merged into the app's messages (client/i18n/messages.ts).
export const zhCN = {
  'nav.import': '数据导入',
} as const;

export const en: { [K in keyof typeof zhCN]: string } = {
  'nav.import': 'Import',
};
