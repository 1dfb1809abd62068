// The entry of a parse worker thread when the platform runs from its TypeScript sources (tsx; compiled,
// pool.js starts tasks.js directly): registers tsx — a worker does not inherit its parent's loaders —
// then hands each task to tasks.ts. Plain JavaScript, so it loads whatever started the parent process.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./tasks.ts');

export { runTask };
export default runTask;
