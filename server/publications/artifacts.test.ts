import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactsFor, publicPageUrl, setPublicShellRoot, ShellMissingError, withShareCard } from './artifacts.js';

// Count the shell's disk reads: /p/* is unauthenticated, so a request must normally be served from memory.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, readFileSync: vi.fn(real.readFileSync), existsSync: vi.fn(real.existsSync), statSync: vi.fn(real.statSync) };
});

const calls = () => ({
  reads: vi.mocked(fs.readFileSync).mock.calls.length,
  checks: vi.mocked(fs.existsSync).mock.calls.length + vi.mocked(fs.statSync).mock.calls.length,
});

describe('artifacts', () => {
  let dir: string;
  let now = 1_700_000_000_000;
  const text = (m: Map<string, Uint8Array>, path: string) => new TextDecoder().decode(m.get(path));
  beforeAll(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'pbmap-shell-cache-'));
    fs.mkdirSync(join(dir, 'public-map'));
    fs.mkdirSync(join(dir, 'assets'));
    fs.writeFileSync(join(dir, 'public-map', 'index.html'), '<script type="module" src="/assets/a-1.js"></script>');
    fs.writeFileSync(join(dir, 'assets', 'a-1.js'), 'import"./b-1.js"');
    fs.writeFileSync(join(dir, 'assets', 'b-1.js'), 'export{}');
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    setPublicShellRoot(dir);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the shell from disk once, then serves every version from memory, checking index.html at most once a second', () => {
    const first = artifactsFor(1, '{"v":1}');
    expect([...first.keys()].sort()).toEqual(['_headers', 'assets/a-1.js', 'assets/b-1.js', 'data/publication.json', 'index.html', 'share.png']);
    expect(text(first, 'index.html')).toContain('src="./assets/a-1.js"');

    const before = calls();
    expect(artifactsFor(1, '{"v":1}')).toBe(first);
    const second = artifactsFor(2, '{"v":2}');
    expect(text(second, 'data/publication.json')).toBe('{"v":2}');
    expect(second.get('assets/a-1.js')).toBe(first.get('assets/a-1.js'));
    now += 900;
    artifactsFor(1, '{"v":1}');
    expect(calls()).toEqual(before);

    // A second later: one look at index.html's mtime, nothing read while it is unchanged.
    now += 200;
    expect(artifactsFor(1, '{"v":1}')).toBe(first);
    expect(calls().reads).toBe(before.reads);
    expect(calls().checks).toBe(before.checks + 1);
  });

  it('picks up a rebuilt shell (index.html changed) and reports a removed one', () => {
    fs.writeFileSync(join(dir, 'assets', 'a-2.js'), 'export{}');
    fs.writeFileSync(join(dir, 'public-map', 'index.html'), '<script type="module" src="/assets/a-2.js"></script>');
    const later = new Date(now + 60_000);
    fs.utimesSync(join(dir, 'public-map', 'index.html'), later, later);
    now += 1100;
    const rebuilt = artifactsFor(1, '{"v":1}');
    expect([...rebuilt.keys()].sort()).toEqual(['_headers', 'assets/a-2.js', 'data/publication.json', 'index.html', 'share.png']);

    fs.rmSync(join(dir, 'public-map', 'index.html'));
    now += 1100;
    expect(() => artifactsFor(1, '{"v":1}')).toThrow(ShellMissingError);
  });

  it('gives index.html the publication\'s share card, escaped, and ships its image', () => {
    const html = withShareCard('<head><title>党建版图</title></head>', JSON.stringify({ title: '南京西路 "党群" <地图>', scope: { name: '南京西路街道' }, texts: { intro: '' }, stations: [1, 2, 3] }));
    expect(html).toContain('<title>南京西路 &#34;党群&#34; &#60;地图&#62;</title>');
    expect(html).toContain('<meta property="og:title" content="南京西路 &#34;党群&#34; &#60;地图&#62;" />');
    expect(html).toContain('<meta property="og:description" content="南京西路街道 3 个党群服务站点');
    expect(html).toContain('<meta property="og:image" content="share.png" />');
    fs.writeFileSync(join(dir, 'public-map', 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/a-2.js"></script>');
    now += 1100;
    const files = artifactsFor(7, '{"title":"x","stations":[]}');
    expect(text(files, 'index.html')).toContain('<meta property="og:title" content="x" />');
    expect([...(files.get('share.png') ?? [])].slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('names the share image absolutely once the page\'s address is known (card readers need it)', () => {
    const snap = JSON.stringify({ title: 't', stations: [] });
    const page = publicPageUrl('https://map.example.gov.cn/dj/', '/p/njxl/');
    expect(page).toBe('https://map.example.gov.cn/dj/p/njxl/');
    const html = withShareCard('<title>x</title>', snap, page);
    expect(html).toContain('<meta property="og:image" content="https://map.example.gov.cn/dj/p/njxl/share.png" />');
    expect(html).toContain('<meta property="og:url" content="https://map.example.gov.cn/dj/p/njxl/" />');
    expect(publicPageUrl('http://127.0.0.1:8080', '/p/a-b/')).toBe('http://127.0.0.1:8080/p/a-b/');
    expect(publicPageUrl('https://cdn.example.org/maps/njxl?x=1#y', '')).toBe('https://cdn.example.org/maps/njxl/');
    expect(publicPageUrl('javascript:alert(1)', '/p/x/')).toBeUndefined();
    expect(publicPageUrl('not a url', '/p/x/')).toBeUndefined();
  });
});
