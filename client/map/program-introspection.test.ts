import { describe, expect, it } from 'vitest';
import { FIXED_AFTER_LINK, INTROSPECTION, memoizeProgramIntrospection, type IntrospectedContext } from './program-introspection';

const ACTIVE_UNIFORMS = 0x8b86;
const VALIDATE_STATUS = 0x8b83;
const COMPLETION_STATUS_KHR = 0x91b1;

/** A context that counts the queries reaching it and answers from a program's current "link" (its generation). */
function fakeContext() {
  const calls: string[] = [];
  const generation = new Map<object, number>();
  const answer = (name: string) => (program: object, ...args: unknown[]) => {
    calls.push(name);
    if (name === 'getActiveUniforms') return [generation.get(program) ?? 0, ...(args[0] as number[])];
    if (name === 'getActiveUniformBlockParameter') return new Uint32Array([generation.get(program) ?? 0, 7]);
    if (name === 'getUniformLocation' && args[0] === 'missing') return null;
    return `${name}:${String(args.join(','))}@${generation.get(program) ?? 0}`;
  };
  const gl = Object.fromEntries(INTROSPECTION.map((n) => [n, answer(n)])) as unknown as IntrospectedContext;
  gl.linkProgram = (program: object) => {
    calls.push('linkProgram');
    generation.set(program, (generation.get(program) ?? 0) + 1);
  };
  return { gl, calls };
}

describe('program introspection answered from memory', () => {
  it('asks the context once per program and question, and answers the same afterwards', () => {
    const { gl, calls } = fakeContext();
    memoizeProgramIntrospection(gl);
    const p = {} as WebGLProgram;
    gl.linkProgram(p);
    const first = [gl.getProgramParameter(p, ACTIVE_UNIFORMS as never), gl.getActiveUniform(p, 2 as never), gl.getUniformLocation(p, 'u' as never)];
    const again = [gl.getProgramParameter(p, ACTIVE_UNIFORMS as never), gl.getActiveUniform(p, 2 as never), gl.getUniformLocation(p, 'u' as never)];
    expect(again).toEqual(first);
    expect(calls.filter((c) => c !== 'linkProgram')).toEqual(['getProgramParameter', 'getActiveUniform', 'getUniformLocation']);
    // Another argument is another question.
    expect(gl.getActiveUniform(p, 3 as never)).toBe('getActiveUniform:3@1');
    expect(calls).toHaveLength(5);
  });

  it('keeps each program apart', () => {
    const { gl, calls } = fakeContext();
    memoizeProgramIntrospection(gl);
    const [a, b] = [{} as WebGLProgram, {} as WebGLProgram];
    gl.linkProgram(a);
    expect(gl.getAttribLocation(a, 'pos' as never)).toBe('getAttribLocation:pos@1');
    expect(gl.getAttribLocation(b, 'pos' as never)).toBe('getAttribLocation:pos@0');
    expect(calls.filter((c) => c === 'getAttribLocation')).toHaveLength(2);
  });

  it('forgets a program when it is linked again', () => {
    const { gl } = fakeContext();
    memoizeProgramIntrospection(gl);
    const p = {} as WebGLProgram;
    gl.linkProgram(p);
    expect(gl.getActiveAttrib(p, 0 as never)).toBe('getActiveAttrib:0@1');
    gl.linkProgram(p);
    expect(gl.getActiveAttrib(p, 0 as never)).toBe('getActiveAttrib:0@2');
  });

  it('always asks for the statuses that change after linking', () => {
    const { gl, calls } = fakeContext();
    memoizeProgramIntrospection(gl);
    const p = {} as WebGLProgram;
    for (const pname of [VALIDATE_STATUS, COMPLETION_STATUS_KHR, VALIDATE_STATUS, COMPLETION_STATUS_KHR]) gl.getProgramParameter(p, pname as never);
    expect(calls).toHaveLength(4);
    expect(FIXED_AFTER_LINK.has(VALIDATE_STATUS)).toBe(false);
    expect(FIXED_AFTER_LINK.has(COMPLETION_STATUS_KHR)).toBe(false);
  });

  it('does not remember a failed query (null)', () => {
    const { gl, calls } = fakeContext();
    memoizeProgramIntrospection(gl);
    const p = {} as WebGLProgram;
    expect(gl.getUniformLocation(p, 'missing' as never)).toBeNull();
    expect(gl.getUniformLocation(p, 'missing' as never)).toBeNull();
    expect(calls).toEqual(['getUniformLocation', 'getUniformLocation']);
  });

  it('keys array arguments by their values and hands out copies of array answers', () => {
    const { gl, calls } = fakeContext();
    memoizeProgramIntrospection(gl);
    const p = {} as WebGLProgram;
    const one = gl.getActiveUniforms(p, [1, 2] as never, 5 as never) as number[];
    one[0] = 99;
    expect(gl.getActiveUniforms(p, [1, 2] as never, 5 as never)).toEqual([0, 1, 2]);
    expect(gl.getActiveUniforms(p, new Uint32Array([1, 2]) as never, 5 as never)).toEqual([0, 1, 2]);
    expect(gl.getActiveUniforms(p, [2, 1] as never, 5 as never)).toEqual([0, 2, 1]);
    const block = gl.getActiveUniformBlockParameter(p, 0 as never, 1 as never) as Uint32Array;
    block[1] = 0;
    expect(Array.from(gl.getActiveUniformBlockParameter(p, 0 as never, 1 as never) as Uint32Array)).toEqual([0, 7]);
    expect(calls.filter((c) => c === 'getActiveUniforms')).toHaveLength(2);
  });

  it('wraps a context once, however often it is asked to', () => {
    const { gl, calls } = fakeContext();
    memoizeProgramIntrospection(gl);
    memoizeProgramIntrospection(gl);
    const p = {} as WebGLProgram;
    gl.getActiveAttrib(p, 0 as never);
    gl.getActiveAttrib(p, 0 as never);
    expect(calls).toEqual(['getActiveAttrib']);
  });
});
