// Database faults are told apart by code, through drivers' wrappers, and bad input is not mistaken for one.
import { describe, expect, it } from 'vitest';
import { dbFaultOf } from './faults.js';

const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: …'), { cause });

describe('dbFaultOf', () => {
  it('names connection faults unavailable, timeouts timeout, no space disk_full', () => {
    expect(dbFaultOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('unavailable');
    expect(dbFaultOf(wrapped(Object.assign(new Error('terminating connection'), { code: '57P01' })))).toBe('unavailable');
    expect(dbFaultOf(wrapped(Object.assign(new Error('the database system is starting up'), { code: '57P03' })))).toBe('unavailable');
    expect(dbFaultOf(wrapped(Object.assign(new Error('write timeout'), { code: 'CONNECT_TIMEOUT' })))).toBe('unavailable');
    expect(dbFaultOf(wrapped(Object.assign(new Error('x'), { code: '08006' })))).toBe('unavailable');
    expect(dbFaultOf(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]))).toBe('unavailable');
    expect(dbFaultOf(wrapped(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })))).toBe('timeout');
    expect(dbFaultOf(wrapped(Object.assign(new Error('could not extend file'), { code: '53100' })))).toBe('disk_full');
    expect(dbFaultOf(Object.assign(new Error('FS error'), { name: 'ErrnoError', errno: 51 }))).toBe('disk_full');
  });

  it('leaves input errors and unknown errors alone', () => {
    expect(dbFaultOf(wrapped(Object.assign(new Error('duplicate key'), { code: '23505' })))).toBeNull();
    expect(dbFaultOf(wrapped(Object.assign(new Error('invalid input syntax'), { code: '22P02' })))).toBeNull();
    expect(dbFaultOf(new Error('boom'))).toBeNull();
    expect(dbFaultOf(null)).toBeNull();
  });
});
