import { describe, expect, it } from 'vitest';
import { hoursText } from './hours';

describe('hours in the interface language', () => {
  it('writes the demo and common plaque hours in English', () => {
    expect(hoursText('工作日 9:00-18:00', 'en')).toBe('Mon–Fri 9:00–18:00');
    expect(hoursText('周一至周六 9:00-20:00', 'en')).toBe('Mon–Sat 9:00–20:00');
    expect(hoursText('每日 8:30-21:00', 'en')).toBe('Daily 8:30–21:00');
    expect(hoursText('周五至周日 10:00-12:00，14:00-17:00', 'en')).toBe('Fri–Sun 10:00–12:00, 14:00–17:00');
    expect(hoursText('工作日 9:00-17:00；周末 10:00-16:00', 'en')).toBe('Mon–Fri 9:00–17:00; Sat–Sun 10:00–16:00');
  });
  it('keeps Chinese as recorded and unparsed text as data', () => {
    expect(hoursText('工作日 9:00-18:00', 'zh-CN')).toBe('工作日 9:00-18:00');
    expect(hoursText('预约开放', 'en')).toBe('预约开放');
    expect(hoursText(null, 'en')).toBe('');
  });
});
