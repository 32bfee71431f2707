/** One full collection of this thread's heap; nothing when V8 gave no `gc`. */
export function fullCollection(): void;
