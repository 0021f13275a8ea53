// UI strings: zh-CN is the default, en the switch. Every key exists in both (checked by the type).
export const zhCN = {
  title: '党建版图',
  subtitle: '楼宇·商圈党建与工会覆盖',
  apiUp: '服务运行正常',
  apiDown: '无法连接服务',
  checking: '正在检查服务…',
  store: '数据存储',
  storePglite: '内置 PGlite + PostGIS',
  storePostgres: 'PostgreSQL + PostGIS',
  links: '接口',
  docs: 'API 文档',
  ogc: 'OGC API – Features',
  health: '健康检查',
  mapSoon: '覆盖地图、大屏与网格编辑器正在建设中。',
  language: 'English',
} as const;

export type Messages = { [K in keyof typeof zhCN]: string };

export const en: Messages = {
  title: 'Party-Building Territory Map',
  subtitle: 'Party and union coverage of office buildings and business districts',
  apiUp: 'The service is running',
  apiDown: 'Cannot reach the service',
  checking: 'Checking the service…',
  store: 'Store',
  storePglite: 'embedded PGlite + PostGIS',
  storePostgres: 'PostgreSQL + PostGIS',
  links: 'Interfaces',
  docs: 'API documentation',
  ogc: 'OGC API – Features',
  health: 'Health check',
  mapSoon: 'The coverage map, wall display and grid editor are being built.',
  language: '中文',
};

export type Locale = 'zh-CN' | 'en';
export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
