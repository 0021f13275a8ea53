// UI strings of this feature, merged into the app's messages (client/i18n/messages.ts).
export const zhCN = {
  'nav.gridEditor': '网格编辑',
} as const;

export const en: { [K in keyof typeof zhCN]: string } = {
  'nav.gridEditor': 'Grid editor',
};
