import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { DUMMY_HASH, hashPassword, randomToken, sha256, verifyPassword } from './crypto.js';

describe('hashPassword / verifyPassword', () => {
  it('round-trips: the password verifies against its hash', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  });

  it('rejects a wrong password', async () => {
    const hash = await hashPassword('s3cret!');
    expect(await verifyPassword('s3cret', hash)).toBe(false);
    expect(await verifyPassword('S3cret!', hash)).toBe(false);
    expect(await verifyPassword('s3cret! ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('handles non-ASCII and empty passwords', async () => {
    const hash = await hashPassword('党建版图🗺️密码');
    expect(await verifyPassword('党建版图🗺️密码', hash)).toBe(true);
    expect(await verifyPassword('党建版图密码', hash)).toBe(false);
    const empty = await hashPassword('');
    expect(await verifyPassword('', empty)).toBe(true);
    expect(await verifyPassword(' ', empty)).toBe(false);
  });

  it('writes scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key', async () => {
    const hash = await hashPassword('pw');
    const parts = hash.split('$');
    expect(parts).toHaveLength(6);
    const [scheme, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
    expect(scheme).toBe('scrypt');
    expect([n, r, p]).toEqual(['16384', '8', '1']);
    expect(salt).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key, 'base64url')).toHaveLength(64);
    expect(hash).not.toContain('pw$');
  });

  it('salts: two hashes of the same password differ, and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('rejects a hash whose key or salt was tampered with', async () => {
    const hash = await hashPassword('pw');
    const parts = hash.split('$');
    const key = Buffer.from(parts[5] as string, 'base64url');
    key[0] = (key[0] as number) ^ 1;
    expect(await verifyPassword('pw', [...parts.slice(0, 5), key.toString('base64url')].join('$'))).toBe(false);
    const salt = Buffer.from(parts[4] as string, 'base64url');
    salt[0] = (salt[0] as number) ^ 1;
    expect(await verifyPassword('pw', [...parts.slice(0, 4), salt.toString('base64url'), parts[5]].join('$'))).toBe(false);
  });

  it('rejects a hash cut short (a key of another length)', async () => {
    const hash = await hashPassword('pw');
    expect(await verifyPassword('pw', hash.slice(0, -10))).toBe(false);
  });

  it('honours the parameters stored in the hash (so they can be raised later)', async () => {
    const hash = await hashPassword('pw');
    const parts = hash.split('$');
    // Same salt and key, but claiming other parameters: the derived key differs.
    expect(await verifyPassword('pw', ['scrypt', '1024', '8', '1', parts[4], parts[5]].join('$'))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'garbage'],
    ['bcrypt-style', '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234'],
    ['another scheme', 'argon2$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
    ['no salt', 'scrypt$16384$8$1$$AAAA'],
    ['no key', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$'],
    ['too few fields', 'scrypt$16384$8$1'],
    ['non-numeric N', 'scrypt$abc$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
    ['N not a power of two', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
    ['missing r and p', 'scrypt$16384$$$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
    ['N over the memory cap', 'scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
  ])('returns false (does not throw) for a malformed stored hash: %s', async (_label, stored) => {
    await expect(verifyPassword('pw', stored)).resolves.toBe(false);
  });

  it('the dummy hash is well formed and matches no ordinary password', async () => {
    expect(DUMMY_HASH.split('$')).toHaveLength(6);
    await expect(verifyPassword('', DUMMY_HASH)).resolves.toBe(false);
    await expect(verifyPassword('admin', DUMMY_HASH)).resolves.toBe(false);
  });
});

describe('sha256', () => {
  it('is 64 lower-case hex characters', () => {
    expect(sha256('token')).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256('')).toHaveLength(64);
  });

  it('matches the standard test vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is deterministic and sensitive to every character', () => {
    expect(sha256('pbm_abc')).toBe(sha256('pbm_abc'));
    expect(sha256('pbm_abc')).not.toBe(sha256('pbm_abd'));
  });

  it('hashes UTF-8', () => {
    expect(sha256('党建')).toBe(createHash('sha256').update(Buffer.from('党建', 'utf8')).digest('hex'));
    expect(sha256('党建')).not.toBe(createHash('sha256').update(Buffer.from('党建', 'utf16le')).digest('hex'));
    expect(sha256('党建')).not.toBe(sha256('党'));
  });
});

describe('randomToken', () => {
  it('is 32 random bytes in base64url (43 characters) with no prefix by default', () => {
    const t = randomToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
  });

  it('starts with the given prefix', () => {
    const t = randomToken('pbm_');
    expect(t.startsWith('pbm_')).toBe(true);
    expect(t.slice(4)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('does not repeat', () => {
    const tokens = Array.from({ length: 1_000 }, () => randomToken('x_'));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(new Set(tokens.map((t) => t.slice(2, 10))).size).toBe(tokens.length);
  });
});
