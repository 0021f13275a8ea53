// UI strings of this feature, merged into the app's messages (client/i18n/messages.ts).
export const zhCN = {
  'nav.publish': '发布版图',
} as const;

export const en: { [K in keyof typeof zhCN]: string } = {
  'nav.publish': 'Publish',
};
