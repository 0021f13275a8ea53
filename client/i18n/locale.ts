// The interface language a page starts in: ?lang= first, then the last choice (localStorage), else Chinese.
import type { Locale } from './messages';

export function startLocale(): Locale {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh-CN') return fromUrl;
  return localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN';
}
