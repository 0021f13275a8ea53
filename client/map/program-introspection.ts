// luma.gl wraps one linked WebGL program in a pipeline per set of draw parameters, and deck.gl's picking pass gives
// every pickable layer its own blend colour (the layer's place in that pass). So each pick over a set of tiles not
// seen before makes new wrappers, and each wrapper introspects its program again: a dozen GL queries or more, and a
// query that is not answered from the browser's cache waits for every command queued before it (on software WebGL,
// the picking draws of the layers before: 100 ms and more in one task, measured while panning the city).
// A linked program's interface cannot change until it is linked again, so the answers are kept per program and
// forgotten when it is. Pure of the DOM (the context's shape only), tested with a fake context.

/** The queries luma.gl's introspection makes (get-shader-layout-from-glsl), each a function of a linked program. */
export const INTROSPECTION = [
  'getProgramParameter',
  'getActiveAttrib',
  'getAttribLocation',
  'getActiveUniform',
  'getUniformLocation',
  'getUniformBlockIndex',
  'getActiveUniformBlockParameter',
  'getActiveUniformBlockName',
  'getActiveUniforms',
  'getTransformFeedbackVarying',
] as const;

/** getProgramParameter's names whose answer is fixed once the program is linked: LINK_STATUS, ATTACHED_SHADERS,
 *  ACTIVE_UNIFORMS, ACTIVE_ATTRIBUTES, ACTIVE_UNIFORM_BLOCKS, TRANSFORM_FEEDBACK_BUFFER_MODE and
 *  TRANSFORM_FEEDBACK_VARYINGS. Not DELETE_STATUS, VALIDATE_STATUS or COMPLETION_STATUS_KHR, which change. */
export const FIXED_AFTER_LINK = new Set([0x8b82, 0x8b85, 0x8b86, 0x8b89, 0x8a36, 0x8c7f, 0x8c83]);

type Query = (typeof INTROSPECTION)[number];

/** The part of a WebGL2 context introspected (as luma.gl calls it: the program first). */
export type IntrospectedContext = { [K in Query]: (program: WebGLProgram, ...args: never[]) => unknown } & {
  linkProgram(program: WebGLProgram): void;
};

const memoized = new WeakSet<object>();

/** From now on `gl` answers the introspection of a linked program from memory after the first time it is asked,
 *  until that program is linked again. Idempotent per context. */
export function memoizeProgramIntrospection(gl: IntrospectedContext): void {
  if (memoized.has(gl)) return;
  memoized.add(gl);
  const answers = new WeakMap<WebGLProgram, Map<string, unknown>>();
  const link = gl.linkProgram.bind(gl);
  gl.linkProgram = (program: WebGLProgram) => {
    answers.delete(program);
    link(program);
  };
  for (const name of INTROSPECTION) {
    const query = (gl[name] as (...a: unknown[]) => unknown).bind(gl);
    (gl as unknown as Record<string, unknown>)[name] = (program: WebGLProgram, ...args: unknown[]) => {
      if (name === 'getProgramParameter' && !FIXED_AFTER_LINK.has(args[0] as number)) return query(program, ...args);
      let known = answers.get(program);
      if (!known) answers.set(program, (known = new Map()));
      const key = `${name}(${args.map(keyOf).join(',')})`;
      if (known.has(key)) return copy(known.get(key));
      const answer = query(program, ...args);
      // A query that failed (no program, a lost context) answers null: asked again, not remembered.
      if (answer !== null) known.set(key, answer);
      return copy(answer);
    };
  }
}

function keyOf(arg: unknown): string {
  if (ArrayBuffer.isView(arg) || Array.isArray(arg)) return `[${Array.from(arg as ArrayLike<unknown>).join(' ')}]`;
  return String(arg);
}

/** Arrays are handed out as copies: a caller that changes its answer does not change the next one. */
function copy<T>(answer: T): T {
  if (Array.isArray(answer)) return [...answer] as T;
  if (ArrayBuffer.isView(answer) && !(answer instanceof DataView)) return (answer as unknown as Uint32Array).slice() as T;
  return answer;
}
